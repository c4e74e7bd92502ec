'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { ParticipantList } from '../../_components/participant-list';
import { StatusBanner } from '../../_components/status-banner';
import type { BackendName } from '../../_training/backend-names';
import { rememberClass } from '../../_realtime/class-history';
import { useSession } from '../../_realtime/use-session';
import { Workspace } from './workspace';

/** A student's screen: who is here, and the workspace for the current challenge. */
export function StudentScreen({ code, backend }: { code: string; backend?: BackendName }) {
  const { session, status, participantId } = useSession(code, 'student');
  const nickname = session?.participants.find((p) => p.id === participantId)?.nickname;
  useEffect(() => {
    if (nickname) rememberClass(code, 'student', { nickname });
  }, [code, nickname]);

  if (status.kind === 'kicked' || status.kind === 'deleted' || status.kind === 'no-credential') {
    return (
      <main className="mx-auto flex max-w-2xl flex-col gap-6 p-10">
        <StatusBanner tone="error">
          {status.kind === 'no-credential' ? `You have not joined class ${code} in this browser.` : status.message}
        </StatusBanner>
        <Link href={`/?code=${code}`} className="text-sky-300 underline">
          Go to the join page
        </Link>
      </main>
    );
  }

  const me = session?.participants.find((p) => p.id === participantId);
  return (
    <main className="mx-auto flex max-w-7xl flex-col gap-6 p-6">
      {status.kind === 'reconnecting' && (
        <StatusBanner tone="warn">
          Connection lost. Reconnecting… Training goes on; your results will be sent.
        </StatusBanner>
      )}
      {status.kind === 'error' && <StatusBanner tone="error">{status.message}</StatusBanner>}
      <header className="flex flex-wrap items-baseline justify-between gap-4">
        <div>
          <p className="text-slate-400">Class {code}</p>
          <h1 className="text-3xl font-bold" data-testid="welcome">
            {me ? `You're in, ${me.nickname}` : 'Connecting…'}
          </h1>
        </div>
        {session && <p className="text-slate-400">{session.participants.length} in class</p>}
      </header>
      {session && me && participantId && (
        <Workspace
          session={session}
          participantId={participantId}
          connected={status.kind === 'ready'}
          backend={backend}
        />
      )}
      {session && (
        <details className="rounded-xl bg-slate-900 p-4">
          <summary className="cursor-pointer text-slate-300">Who is here</summary>
          <div className="mt-3">
            <ParticipantList participants={session.participants} selfId={participantId} />
          </div>
        </details>
      )}
    </main>
  );
}
