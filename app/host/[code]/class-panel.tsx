'use client';

import { send } from '../../_realtime/socket-client';
import { BOARD_VISIBILITIES, type BoardVisibility } from '@/lib/protocol/board';
import { ClientEvent } from '@/lib/protocol/events';
import type { SessionView } from '@/lib/protocol/schemas';
import { ClassRoster } from './class-roster';

const VISIBILITY_LABELS: Record<BoardVisibility, string> = {
  full: 'Students see the full board',
  anonymous: 'Students see it without names',
  top: 'Students see the top 5 and their neighbours',
};

interface Props {
  session: SessionView;
  /** Participants with an open connection; null until the server has said. */
  online: ReadonlySet<string> | null;
  /** Runs a host action, showing its error if it fails. */
  act: (run: () => Promise<unknown>) => void;
}

/** Who has joined and who is connected, with the session lock, what students see of the board and moderation. */
export function ClassPanel({ session, online, act }: Props) {
  return (
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
        <label className="ml-auto flex max-w-full flex-wrap items-center gap-2 text-slate-300">
          Board for students
          <select
            value={session.board.visibility}
            onChange={(e) =>
              act(() => send(ClientEvent.BoardVisibility, { visibility: e.target.value as BoardVisibility, topN: 5 }))
            }
            className="max-w-full rounded bg-slate-800 px-2 py-1"
          >
            {BOARD_VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {VISIBILITY_LABELS[v]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ClassRoster
        participants={session.participants}
        online={online}
        onRemove={(p) => act(() => send(ClientEvent.HostKick, { participantId: p.id }))}
        onRename={(p, nickname) => act(() => send(ClientEvent.HostRename, { participantId: p.id, nickname }))}
      />
    </section>
  );
}
