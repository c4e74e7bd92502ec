import type { ParticipantView } from '@/lib/protocol/schemas';

interface Props {
  participants: ParticipantView[];
  /** Marks this participant as "you". */
  selfId?: string | null;
}

/** Who is in the class, as students see it (the host's roster, with moderation, is ClassRoster). */
export function ParticipantList({ participants, selfId }: Props) {
  if (participants.length === 0) {
    return <p className="text-xl text-slate-400">Nobody has joined yet.</p>;
  }
  return (
    <ul aria-label="Participants" className="grid grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] gap-3">
      {participants.map((p) => (
        <li key={p.id} className="truncate rounded-lg bg-slate-800 px-4 py-3 text-xl">
          {p.nickname}
          {p.id === selfId && <span className="ml-2 text-sm text-amber-300">(you)</span>}
        </li>
      ))}
    </ul>
  );
}
