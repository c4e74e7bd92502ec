'use client';

import Link from 'next/link';
import { ParticipantList } from '../../_components/participant-list';
import { StatusBanner } from '../../_components/status-banner';
import { useSession } from '../../_realtime/use-session';

/** A student's screen until a challenge starts. */
export function StudentLobby({ code }: { code: string }) {
  const { session, status, participantId } = useSession(code, 'student');

  if (status.kind === 'kicked' || status.kind === 'no-credential') {
    return (
      <main className="mx-auto flex max-w-2xl flex-col gap-6 p-10">
        <StatusBanner tone="error">
          {status.kind === 'kicked' ? status.message : `You have not joined class ${code} in this browser.`}
        </StatusBanner>
        <Link href={`/?code=${code}`} className="text-sky-300 underline">Go to the join page</Link>
      </main>
    );
  }

  const me = session?.participants.find((p) => p.id === participantId);
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-6 p-8">
      {status.kind === 'reconnecting' && <StatusBanner tone="warn">Connection lost. Reconnecting…</StatusBanner>}
      {status.kind === 'error' && <StatusBanner tone="error">{status.message}</StatusBanner>}
      <header>
        <p className="text-slate-400">Class {code}</p>
        <h1 className="text-4xl font-bold" data-testid="welcome">
          {me ? `You're in, ${me.nickname}` : 'Connecting…'}
        </h1>
        {me && <p className="mt-2 text-xl text-slate-300">Waiting for the instructor to launch a challenge.</p>}
      </header>
      {session && <ParticipantList participants={session.participants} selfId={participantId} />}
    </main>
  );
}
