'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { CELL_LABELS, formatAccuracy, formatBits } from './_components/board/board-format';
import { knownClasses, type KnownClass } from './_realtime/class-history';

const ROLE_TEXT: Record<KnownClass['role'], string> = {
  host: 'You hosted it',
  student: 'You joined',
  reviewer: 'Review link',
};

function Results({ entry }: { entry: KnownClass }) {
  if (!entry.results?.length) return null;
  return (
    <ul className="mt-1 text-sm text-slate-300">
      {entry.results.map((r) => {
        const best = [...r.runs].sort((a, b) => a.rank - b.rank)[0];
        const format = r.metric === 'accuracy' ? formatAccuracy : formatBits;
        return (
          <li key={r.round}>
            Round {r.round} ({r.title}): best place {best.rank} of {best.of} with your {CELL_LABELS[best.cell]},{' '}
            {format(best.score)}
            {r.metric === 'accuracy' ? '' : ' bits/token'}
          </li>
        );
      })}
    </ul>
  );
}

/** The classes this browser has hosted, joined or reviewed, newest first, with links back to them. */
export function KnownClasses() {
  const [classes, setClasses] = useState<KnownClass[]>([]);
  useEffect(() => setClasses(knownClasses()), []);
  if (classes.length === 0) return null;
  return (
    <section aria-label="Your classes" className="flex flex-col gap-3 rounded-xl bg-slate-900 p-6">
      <h2 className="text-2xl font-semibold">Your classes</h2>
      <ul className="flex flex-col divide-y divide-slate-800" data-testid="known-classes">
        {classes.map((entry) => (
          <li key={entry.code} className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1 py-3">
            <div className="min-w-0">
              <span className="font-mono text-lg font-semibold tracking-widest">{entry.code}</span>{' '}
              <span className="text-slate-300">
                · {ROLE_TEXT[entry.role]}
                {entry.nickname ? ` as ${entry.nickname}` : ''} · {new Date(entry.seenAt).toLocaleDateString()}
              </span>
              <Results entry={entry} />
            </div>
            <div className="flex gap-4">
              {entry.role === 'host' && (
                <Link href={`/host/${entry.code}`} className="text-sky-300 underline">
                  Host screen
                </Link>
              )}
              {entry.role === 'student' && (
                <Link href={`/play/${entry.code}`} className="text-sky-300 underline">
                  Class page
                </Link>
              )}
              {(entry.role === 'host' || entry.reviewed) && (
                <Link href={`/review/${entry.code}`} className="text-sky-300 underline">
                  Review
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
