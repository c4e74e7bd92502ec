import type { ParticipantView } from '@/lib/protocol/schemas';

interface Props {
  participants: ParticipantView[];
  /** Marks this participant as "you". */
  selfId?: string | null;
  /** When given, each row gets a Remove button (host only). */
  onRemove?: (participant: ParticipantView) => void;
}

export function ParticipantList({ participants, selfId, onRemove }: Props) {
  if (participants.length === 0) {
    return <p className="text-xl text-slate-400">Nobody has joined yet.</p>;
  }
  return (
    <ul aria-label="Participants" className="grid grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] gap-3">
      {participants.map((p) => (
        <li
          key={p.id}
          className="flex items-center justify-between gap-2 rounded-lg bg-slate-800 px-4 py-3 text-xl"
        >
          <span className="truncate">
            {p.nickname}
            {p.id === selfId && <span className="ml-2 text-sm text-amber-300">(you)</span>}
          </span>
          {onRemove && (
            <button
              type="button"
              onClick={() => onRemove(p)}
              aria-label={`Remove ${p.nickname}`}
              className="rounded px-2 py-1 text-sm text-slate-400 hover:bg-red-900 hover:text-white"
            >
              Remove
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
