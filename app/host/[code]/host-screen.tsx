'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { JoinCodePanel } from '../../_components/join-code-panel';
import { ParticipantList } from '../../_components/participant-list';
import { StatusBanner } from '../../_components/status-banner';
import { send } from '../../_realtime/socket-client';
import { useSession } from '../../_realtime/use-session';
import { RoundControls } from './round-controls';
import { ClientEvent } from '@/lib/protocol/events';

/** The projector screen: how to join, who is here, and moderation. */
export function HostScreen({ code }: { code: string }) {
  const { session, status } = useSession(code, 'host');
  const [actionError, setActionError] = useState<string | null>(null);
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);

  const act = (run: () => Promise<unknown>) => {
    setActionError(null);
    run().catch((err: unknown) => setActionError(err instanceof Error ? err.message : String(err)));
  };

  if (status.kind === 'no-credential') {
    return (
      <main className="mx-auto max-w-3xl p-10">
        <StatusBanner tone="error">
          This browser does not hold the host key for class {code}. Only the browser that created it can host it.
        </StatusBanner>
        <Link href="/" className="mt-6 inline-block text-sky-300 underline">Back to the start page</Link>
      </main>
    );
  }

  return (
    <main className="flex flex-col gap-8 p-8">
      {status.kind === 'reconnecting' && <StatusBanner tone="warn">Connection lost. Reconnecting…</StatusBanner>}
      {status.kind === 'error' && <StatusBanner tone="error">{status.message}</StatusBanner>}
      {actionError && <StatusBanner tone="error">{actionError}</StatusBanner>}

      {origin && <JoinCodePanel code={code} joinUrl={`${origin}/?code=${code}`} />}

      {session && (
        <RoundControls
          session={session}
          onStart={() => act(() => send(ClientEvent.RoundStart, {}))}
          onEnd={() => act(() => send(ClientEvent.RoundEnd, {}))}
        />
      )}

      {session && (
        <section aria-label="Class" className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center gap-4">
            <h2 className="text-3xl font-semibold">
              <span data-testid="participant-count">{session.participants.length}</span> joined
            </h2>
            <button
              type="button"
              onClick={() => act(() => send(ClientEvent.HostLock, { locked: !session.locked }))}
              className="rounded-lg bg-slate-800 px-4 py-2 text-lg hover:bg-slate-700"
            >
              {session.locked ? 'Unlock session' : 'Lock session'}
            </button>
            {session.locked && <span className="text-lg text-amber-300">Locked: nobody new can join</span>}
          </div>
          <ParticipantList
            participants={session.participants}
            onRemove={(p) => act(() => send(ClientEvent.HostKick, { participantId: p.id }))}
          />
        </section>
      )}
    </main>
  );
}
