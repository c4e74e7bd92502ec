import type { Challenge } from '../protocol/challenge';
import type { ExportParticipant, SessionExport } from '../protocol/review';
import type { MetricPoint, RunView } from '../protocol/run';
import type { Verification } from '../protocol/verification';
import { withFlag } from './verified';
import type { SessionRecord } from './session';

/** What an export is made of, as the store holds it. */
export interface ExportSource {
  record: SessionRecord;
  /** Each round's challenge, by round. */
  rounds: { round: number; challenge: Challenge }[];
  /** Every run with its points in `seq` order and the server's scores of its weights, by round then start order. */
  runs: { run: RunView; points: MetricPoint[]; verified: Verification | null }[];
  /** Replace nicknames (and participant ids, which every member of the class sees) with aliases. */
  anonymous: boolean;
  /** Flag reports the weights do not bear out (isFlagged): only for the host key, as on the board. */
  flags: boolean;
  /** Milliseconds since the Unix epoch. */
  exportedAt: number;
}

/**
 * Participants in join order (ties by id), each as the export shows them. Anonymised, the N-th to join
 * is "Student N" with id "student-N", the same in every export of the session: ids are aliased too,
 * because every member of the class has seen who holds which id.
 */
function exportParticipants(record: SessionRecord, anonymous: boolean): Map<string, ExportParticipant> {
  const ordered = [...record.participants].sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id));
  return new Map(
    ordered.map((p, i) => [
      p.id,
      {
        id: anonymous ? `student-${i + 1}` : p.id,
        nickname: anonymous ? `Student ${i + 1}` : p.nickname,
        joinedAt: p.joinedAt,
        removed: p.kicked,
      },
    ]),
  );
}

/** The whole session for after class (`export.json`); pure: no secrets (token hashes) leave it. */
export function buildSessionExport({
  record,
  rounds,
  runs,
  anonymous,
  flags,
  exportedAt,
}: ExportSource): SessionExport {
  const participants = exportParticipants(record, anonymous);
  return {
    code: record.meta.code,
    exportedAt,
    anonymous,
    rounds,
    participants: [...participants.values()],
    runs: runs.map(({ run, points, verified }) => {
      const who = participants.get(run.participantId);
      return {
        ...run,
        participantId: who?.id ?? run.participantId,
        nickname: who?.nickname ?? '',
        verified: flags ? withFlag(verified, run.best?.valLoss ?? null) : verified,
        points,
      };
    }),
  };
}
