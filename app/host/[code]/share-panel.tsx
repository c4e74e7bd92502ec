'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { copyText } from '../../_components/copy-text';
import { forgetClass } from '../../_realtime/class-history';
import { credentials } from '../../_realtime/credentials';
import { send } from '../../_realtime/socket-client';
import { ClientEvent } from '@/lib/protocol/events';

/** A link to copy, in a field that selects itself, with a Copy button. */
function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm text-slate-300">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          ref={field}
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
          data-testid={testId}
          className="min-w-0 flex-1 rounded bg-slate-800 px-2 py-1 font-mono text-sm"
        />
        <button
          type="button"
          onClick={() => void (field.current && copyText(field.current).then(setCopied))}
          className="rounded-lg bg-slate-700 px-3 py-1 hover:bg-slate-600"
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {copied === false && (
        <p role="status" className="text-sm text-amber-200">
          This browser did not let the page copy: the link is selected, press Ctrl+C (⌘C on a Mac).
        </p>
      )}
    </div>
  );
}

/**
 * After class, on the host's own screen only (never in projector mode): a read-only review link (its
 * own revocable key, names optionally hidden), the host link that opens these controls on another
 * device (the host key in the fragment, which no server sees), and deleting the class.
 */
export function SharePanel({ code, base, onError }: { code: string; base: string; onError: (err: unknown) => void }) {
  const router = useRouter();
  const [anonymous, setAnonymous] = useState(false);
  const [reviewLink, setReviewLink] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [hostLink, setHostLink] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const createReviewLink = () =>
    send(ClientEvent.ReviewLink, { anonymous }).then(({ reviewKey }) => {
      setRevoked(false);
      setReviewLink(`${base}/review/${code}#key=${reviewKey}`);
    }, onError);
  const revoke = () =>
    send(ClientEvent.ReviewRevoke, {}).then(() => {
      setReviewLink(null);
      setRevoked(true);
    }, onError);
  const showHostLink = () => {
    const token = credentials.hostToken(code);
    if (token) setHostLink(`${base}/host/${code}#key=${token}`);
  };
  const remove = () =>
    send(ClientEvent.SessionDelete, {}).then(() => {
      credentials.forgetHost(code);
      forgetClass(code);
      router.push('/');
    }, onError);

  return (
    <details className="rounded-xl bg-slate-900" data-testid="share-panel">
      <summary className="cursor-pointer p-4 text-lg">Share, review and delete</summary>
      <div className="grid grid-cols-1 gap-6 p-4 pt-0 lg:grid-cols-3">
        <section aria-label="Review link" className="flex flex-col gap-3">
          <h3 className="font-semibold">Review link</h3>
          <p className="text-sm text-slate-300">
            Read-only: every round, the replay, each run&apos;s details and the export. Revoke it at any time.
          </p>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
            Hide the students&apos; names
          </label>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              onClick={() => void createReviewLink()}
              className="rounded-lg bg-sky-500 px-3 py-2 font-semibold text-slate-950"
            >
              Create a review link
            </button>
            <button
              type="button"
              onClick={() => void revoke()}
              className="rounded-lg bg-slate-800 px-3 py-2 hover:bg-slate-700"
            >
              Revoke all review links
            </button>
          </div>
          {reviewLink && (
            <CopyField label="Anyone with this link can read the results" value={reviewLink} testId="review-link" />
          )}
          {revoked && (
            <p role="status" className="text-sm text-amber-300">
              Every review link of this class is revoked.
            </p>
          )}
          <Link href={`/review/${code}`} className="text-sky-300 underline">
            Open the review page
          </Link>
        </section>

        <section aria-label="Host link" className="flex flex-col gap-3">
          <h3 className="font-semibold">Host on another device</h3>
          <p className="text-sm text-slate-300">
            This link opens these controls, the same as this screen. Keep it to yourself: whoever holds it hosts the
            class. It never appears on the projector.
          </p>
          {hostLink ? (
            <CopyField label="Host link (secret)" value={hostLink} testId="host-link" />
          ) : (
            <button
              type="button"
              onClick={showHostLink}
              className="self-start rounded-lg bg-slate-800 px-3 py-2 hover:bg-slate-700"
            >
              Show the host link
            </button>
          )}
        </section>

        <section aria-label="Delete the class" className="flex flex-col gap-3">
          <h3 className="font-semibold">Delete the class</h3>
          <p className="text-sm text-slate-300">
            Removes the class and everything stored about it: students, runs, texts, review links. Otherwise the server
            keeps a class for a set time after its last change (30 days unless set otherwise).
          </p>
          {confirmDelete ? (
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm deleting">
              <span className="text-amber-300">Delete class {code} for good?</span>
              <button
                type="button"
                onClick={() => void remove()}
                className="rounded-lg bg-red-700 px-3 py-2 font-semibold"
              >
                Delete for good
              </button>
              <button
                type="button"
                onClick={() => setConfirmDelete(false)}
                className="rounded-lg bg-slate-800 px-3 py-2 hover:bg-slate-700"
              >
                Keep it
              </button>
            </div>
          ) : (
            <button
              type="button"
              onClick={() => setConfirmDelete(true)}
              className="self-start rounded-lg bg-red-900 px-3 py-2 hover:bg-red-800"
            >
              Delete this class…
            </button>
          )}
        </section>
      </div>
    </details>
  );
}
