'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { StatusBanner } from '../../_components/status-banner';
import { rememberClass, reviewKeys, takeKeyFromFragment } from '../../_realtime/class-history';
import { credentials } from '../../_realtime/credentials';
import { exportRounds, roundReplay } from '@/lib/domain/replay';
import { RoundComparison } from './round-comparison';
import { RoundReview } from './round-review';
import { downloadExport, useSessionExport } from './use-session-export';

const ERRORS_BY_STATUS: Record<number, string> = {
  401: 'This page needs a review link from the instructor.',
  403: 'This review link is no longer valid: the instructor revoked it. Ask for a new one.',
  404: 'This class no longer exists: its host deleted it, or it expired.',
};

/**
 * Which secret opens the class here: a review key just passed in the link's fragment (kept for next
 * time), one kept from an earlier visit, or the host key of a class this browser hosts. Undefined until
 * read (after the first render: localStorage only exists in the browser).
 */
function useReaderSecret(code: string): string | null | undefined {
  const [secret, setSecret] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const fromLink = takeKeyFromFragment();
    if (fromLink) reviewKeys.save(code, fromLink);
    setSecret(fromLink ?? reviewKeys.get(code) ?? credentials.hostToken(code));
  }, [code]);
  return secret;
}

/** The review page: every round of a class, replayable, with each run's details and the export. */
export function ReviewScreen({ code }: { code: string }) {
  const secret = useReaderSecret(code);
  const { state, reload, live } = useSessionExport(code, secret ?? null);
  const [chosenRound, setChosenRound] = useState<number | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const data = state.kind === 'ready' ? state.data : null;
  const opened = data !== null;
  useEffect(() => {
    if (opened) rememberClass(code, secret === credentials.hostToken(code) ? 'host' : 'reviewer', { reviewed: true });
  }, [opened, code, secret]);
  const rounds = useMemo(() => (data ? exportRounds(data) : []), [data]);
  const round = chosenRound ?? rounds.at(-1) ?? null;
  const replay = useMemo(() => (data && round !== null ? roundReplay(data, round) : null), [data, round]);

  const download = (format: 'csv' | 'json') => {
    if (!secret) return;
    setDownloadError(null);
    downloadExport(code, secret, format).catch((err: unknown) =>
      setDownloadError(err instanceof Error ? err.message : String(err)),
    );
  };

  if (secret === null || state.kind === 'error') {
    const message =
      secret === null
        ? ERRORS_BY_STATUS[401]
        : state.kind === 'error'
          ? (state.status !== null && ERRORS_BY_STATUS[state.status]) || state.message
          : '';
    return (
      <main className="mx-auto flex max-w-3xl flex-col gap-6 p-10">
        <h1 className="text-3xl font-bold">Class {code}</h1>
        <StatusBanner tone="error">{message}</StatusBanner>
        <Link href="/" className="text-sky-300 underline">
          Back to the start page
        </Link>
      </main>
    );
  }

  return (
    <main className="flex flex-col gap-6 p-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-slate-300">
            <Link href="/" className="text-sky-300 underline">
              RNN Arena
            </Link>{' '}
            · review{data?.anonymous ? ' · names hidden' : ''}
          </p>
          <h1 className="text-3xl font-bold">Class {code}</h1>
          {data && (
            <p className="text-sm text-slate-300" aria-live="polite">
              {data.participants.length} students · {data.runs.length} runs
              {live ? ' · a round is still running: this page reads it again every half minute' : ''}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="button" onClick={reload} className="rounded-lg bg-slate-800 px-4 py-2 hover:bg-slate-700">
            Refresh
          </button>
          <button
            type="button"
            onClick={() => download('csv')}
            disabled={!data}
            className="rounded-lg bg-amber-400 px-4 py-2 font-semibold text-slate-950 disabled:opacity-50"
          >
            Download CSV
          </button>
          <button
            type="button"
            onClick={() => download('json')}
            disabled={!data}
            className="rounded-lg bg-slate-800 px-4 py-2 hover:bg-slate-700 disabled:opacity-50"
          >
            Download JSON
          </button>
        </div>
      </header>
      {downloadError && <StatusBanner tone="error">{downloadError}</StatusBanner>}
      {state.kind === 'ready' && state.refreshError && (
        <StatusBanner tone="warn">
          Could not read the class again ({state.refreshError}); showing it as of{' '}
          {new Date(state.loadedAt).toLocaleTimeString()}.
        </StatusBanner>
      )}

      {!data ? (
        <p className="text-slate-300" role="status">
          Loading the class…
        </p>
      ) : rounds.length === 0 ? (
        <p className="text-slate-300">No round has been played in this class yet.</p>
      ) : (
        <>
          <nav aria-label="Rounds" className="flex flex-wrap gap-2">
            {rounds.map((r) => (
              <button
                key={r}
                type="button"
                onClick={() => setChosenRound(r)}
                aria-pressed={r === round}
                data-testid="round-tab"
                className={`rounded-lg px-4 py-2 ${r === round ? 'bg-sky-500 font-semibold text-slate-950' : 'bg-slate-800 hover:bg-slate-700'}`}
              >
                Round {r}
              </button>
            ))}
          </nav>
          {replay && <RoundReview key={replay.round} replay={replay} code={code} />}
          <RoundComparison data={data} />
        </>
      )}
    </main>
  );
}
