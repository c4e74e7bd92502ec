'use client';

import { useState } from 'react';
import type { ParticipantView } from '@/lib/protocol/schemas';

interface Props {
  participants: ParticipantView[];
  /** Participants with an open connection; null until the server has said. */
  online: ReadonlySet<string> | null;
  onRemove: (participant: ParticipantView) => void;
  onRename: (participant: ParticipantView, nickname: string) => void;
}

/** Who is in the class and who is connected now, with moderation: rename an offensive nickname, remove a participant. */
export function ClassRoster({ participants, online, onRemove, onRename }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');

  if (participants.length === 0) return <p className="text-xl text-slate-400">Nobody has joined yet.</p>;
  const connected = online ? participants.filter((p) => online.has(p.id)).length : null;
  return (
    <div className="flex flex-col gap-2">
      {connected !== null && (
        <p className="text-slate-300" data-testid="presence-summary">
          {connected} of {participants.length} connected
        </p>
      )}
      <ul aria-label="Participants" className="grid grid-cols-[repeat(auto-fill,minmax(min(19rem,100%),1fr))] gap-3">
        {participants.map((p) => (
          <li
            key={p.id}
            data-online={online ? online.has(p.id) : undefined}
            className="flex items-center justify-between gap-2 rounded-lg bg-slate-800 px-4 py-3 text-xl"
          >
            {editing === p.id ? (
              <form
                className="flex flex-1 gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  onRename(p, name);
                  setEditing(null);
                }}
              >
                <input
                  autoFocus
                  aria-label={`New nickname for ${p.nickname}`}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  className="min-w-0 flex-1 rounded bg-slate-900 px-2 text-base"
                />
                <button type="submit" className="rounded bg-sky-600 px-2 text-sm">
                  Save
                </button>
              </form>
            ) : (
              <span className="flex min-w-0 items-center gap-2">
                {online && <PresenceDot online={online.has(p.id)} />}
                <span className="truncate" title={p.nickname}>
                  {p.nickname}
                </span>
              </span>
            )}
            {editing !== p.id && (
              <span className="flex gap-1">
                <button
                  type="button"
                  aria-label={`Rename ${p.nickname}`}
                  onClick={() => {
                    setEditing(p.id);
                    setName(p.nickname);
                  }}
                  className="rounded px-2 py-1 text-sm text-slate-400 hover:bg-slate-700 hover:text-white"
                >
                  Rename
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${p.nickname}`}
                  onClick={() => onRemove(p)}
                  className="rounded px-2 py-1 text-sm text-slate-400 hover:bg-red-900 hover:text-white"
                >
                  Remove
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Filled green when connected, a hollow ring when not: told apart by shape too, not by colour alone. */
function PresenceDot({ online }: { online: boolean }) {
  return (
    <span
      role="img"
      aria-label={online ? 'connected' : 'not connected'}
      title={online ? 'connected' : 'not connected'}
      className={`size-3 shrink-0 rounded-full ${online ? 'bg-emerald-400' : 'border-2 border-slate-500'}`}
    />
  );
}
