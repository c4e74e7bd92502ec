'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { JoinCodePanel } from '../../_components/join-code-panel';
import { StatusBanner } from '../../_components/status-banner';
import { rememberClass, takeKeyFromFragment } from '../../_realtime/class-history';
import { credentials } from '../../_realtime/credentials';
import { send } from '../../_realtime/socket-client';
import { useSession } from '../../_realtime/use-session';
import type { JoinAddress } from '@/lib/domain/join-address';
import { ClientEvent } from '@/lib/protocol/events';
import { ChallengeSettings } from './challenge-settings';
import { ClassBoard } from './class-board';
import { ClassPanel } from './class-panel';
import { RoundControls } from './round-controls';
import { RoundTabs } from './round-tabs';
import { SharePanel } from './share-panel';

/**
 * The instructor's console and the projector screen: joining, rounds, the live board, moderation.
 * Projector mode fills the wall with the board and shows no control but the way back out.
 */
export function HostScreen({ code, join }: { code: string; join: JoinAddress }) {
  // A host link carries the host key in its fragment: kept before useSession's effect reads it (effects
  // run in order).
  useEffect(() => {
    const hostKey = takeKeyFromFragment();
    if (hostKey) credentials.saveHostToken(code, hostKey);
  }, [code]);
  const { session, status, online } = useSession(code, 'host');
  const [actionError, setActionError] = useState<string | null>(null);
  const [projector, setProjector] = useState(false);
  // The round on the board: null follows the current one; an earlier one stays until the host goes back.
  const [viewedRound, setViewedRound] = useState<number | null>(null);
  const ready = status.kind === 'ready';
  useEffect(() => {
    if (ready) rememberClass(code, 'host');
  }, [ready, code]);

  const showError = (err: unknown) => setActionError(err instanceof Error ? err.message : String(err));
  const act = (run: () => Promise<unknown>) => {
    setActionError(null);
    run().catch(showError);
  };
  const toggleProjector = () => {
    const next = !projector;
    setProjector(next);
    if (next) void document.documentElement.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen();
  };

  if (status.kind === 'deleted') {
    return (
      <main className="mx-auto max-w-3xl p-10">
        <StatusBanner tone="error">{status.message}</StatusBanner>
        <Link href="/" className="mt-6 inline-block text-sky-300 underline">
          Back to the start page
        </Link>
      </main>
    );
  }

  if (status.kind === 'no-credential') {
    return (
      <main className="mx-auto max-w-3xl p-10">
        <StatusBanner tone="error">
          This browser does not hold the host key for class {code}. Open the host link from the browser that created the
          class (its &ldquo;Share, review and delete&rdquo; panel) to host it here.
        </StatusBanner>
        <Link href="/" className="mt-6 inline-block text-sky-300 underline">
          Back to the start page
        </Link>
      </main>
    );
  }

  const roundLive = session !== null && session.round.index > 0;
  const currentRound = session?.round.index ?? 0;
  const shownRound = viewedRound !== null && viewedRound < currentRound ? viewedRound : currentRound;
  // Who has joined: in the lobby right under the round's controls, where a 1280×720 screen still shows it;
  // once rounds are played, under the board.
  const classPanel = session && !projector && <ClassPanel session={session} online={online} act={act} />;
  return (
    <main className={`flex flex-col p-6 ${projector ? 'gap-4 text-lg' : 'gap-6'}`} data-projector={projector}>
      {status.kind === 'reconnecting' && <StatusBanner tone="warn">Connection lost. Reconnecting…</StatusBanner>}
      {status.kind === 'error' && <StatusBanner tone="error">{status.message}</StatusBanner>}
      {actionError && <StatusBanner tone="error">{actionError}</StatusBanner>}

      <div className="flex flex-wrap items-start justify-between gap-6">
        {roundLive ? (
          <p className="min-w-0 text-2xl">
            Join at <span className="font-semibold break-all">{join.base}</span> with code{' '}
            <span className="font-mono text-4xl font-bold tracking-widest text-amber-300" data-testid="join-code">
              {code}
            </span>
          </p>
        ) : (
          <JoinCodePanel code={code} join={join} />
        )}
        <button
          type="button"
          onClick={toggleProjector}
          aria-pressed={projector}
          className="rounded-lg bg-slate-800 px-4 py-2 hover:bg-slate-700"
        >
          {projector ? 'Leave projector mode' : 'Projector mode'}
        </button>
      </div>

      {session && (
        <RoundControls
          session={session}
          projector={projector}
          onStart={() =>
            act(async () => {
              await send(ClientEvent.RoundStart, {});
              setViewedRound(null);
            })
          }
          onEnd={() => act(() => send(ClientEvent.RoundEnd, {}))}
        />
      )}

      {currentRound > 1 && (
        <RoundTabs
          current={currentRound}
          shown={shownRound}
          onShow={setViewedRound}
          code={code}
          projector={projector}
        />
      )}

      {session && shownRound > 0 && (
        <ClassBoard
          round={shownRound}
          ended={shownRound < currentRound || session.round.status === 'ended'}
          past={shownRound < currentRound}
          ready={ready}
          projector={projector}
        />
      )}

      {!roundLive && classPanel}

      {session && !projector && (
        <ChallengeSettings
          code={code}
          session={session}
          onSave={(challenge) => send(ClientEvent.ChallengeSet, { challenge })}
        />
      )}

      {session && !projector && <SharePanel code={code} base={join.base} onError={showError} />}

      {roundLive && classPanel}
    </main>
  );
}
