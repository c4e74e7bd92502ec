import { describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { NO_ROUND } from '@/lib/domain/session';
import { applyRoster, applyStateUpdate, rosterOutOfStep } from '@/lib/domain/session-view';
import type { SessionView } from '@/lib/protocol/schemas';

const person = (id: string, nickname: string, joinedAt: number) => ({ id, nickname, joinedAt });
const view: SessionView = {
  code: 'K7PQ2M',
  revision: 5,
  locked: false,
  challenge: DEFAULT_CHALLENGE,
  task: { vocabSize: 10 },
  round: NO_ROUND,
  board: { visibility: 'full', topN: 5 },
  serverNow: 0,
  participants: [person('a', 'Ada', 1), person('b', 'Bo', 2)],
};

describe('a client session view', () => {
  it('takes newer settings and keeps its participants; an older update changes nothing', () => {
    const { participants: _, ...settings } = view;
    const locked = applyStateUpdate(view, { ...settings, revision: 6, locked: true, participantCount: 2 });
    expect(locked).toMatchObject({ revision: 6, locked: true, participants: view.participants });
    expect(applyStateUpdate(locked, { ...settings, revision: 5, participantCount: 2 })).toBe(locked);
  });

  it('applies joins, renames and removals in join order, and notices a missed join', () => {
    const next = applyRoster(view, {
      upserted: [person('c', 'Cy', 3), person('a', 'Ada L.', 1)],
      removed: ['b'],
      count: 2,
    });
    expect(next.participants).toEqual([person('a', 'Ada L.', 1), person('c', 'Cy', 3)]);
    expect(rosterOutOfStep(next, { upserted: [], removed: [], count: 2 })).toBe(false);
    expect(rosterOutOfStep(next, { upserted: [], removed: [], count: 3 })).toBe(true);
  });
});
