import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import type { Store } from '@/server/store/store';
import { run } from './run-store-contract';
import { meta, participant, uniqueCode } from './store-contract';

const reviewKey = (n: number, anonymous = false) => ({ hash: String(n).repeat(64), anonymous, createdAt: 1_000 + n });

/** What the after-class features need of every Store: per-round challenges, review keys, deletion. */
export function afterClassContract(name: string, open: () => Promise<Store>) {
  describe(`Store contract, after class: ${name}`, () => {
    const opened: Store[] = [];
    /** A store holding one new session. */
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      const code = uniqueCode();
      await store.createSession(meta(code));
      return { store, code };
    };
    afterEach(() => Promise.all(opened.splice(0).map((store) => store.close())));

    it('records the challenge each round started with', async () => {
      const { store, code } = await fresh();
      expect(await store.roundChallenges(code)).toEqual([]);
      await store.startRound(code, 1, null, 7);
      await store.endRound(code, 1, 2);
      const second = { ...DEFAULT_CHALLENGE, title: 'Round two' };
      expect(await store.setChallenge(code, second)).toBe('ok');
      await store.startRound(code, 3, null, 7);
      expect(await store.roundChallenges(code)).toEqual([
        { round: 1, challenge: DEFAULT_CHALLENGE },
        { round: 2, challenge: second },
      ]);
      expect(await store.roundChallenges(uniqueCode())).toEqual([]);
    });

    it('keeps review keys until they are revoked, without counting a visible change', async () => {
      const { store, code } = await fresh();
      expect(await store.addReviewKey(code, reviewKey(1))).toBe(true);
      expect(await store.addReviewKey(code, reviewKey(2, true))).toBe(true);
      expect(await store.listReviewKeys(code)).toEqual([reviewKey(1), reviewKey(2, true)]);
      expect((await store.getSessionMeta(code))?.revision).toBe(0);
      expect(await store.revokeReviewKeys(code)).toBe(true);
      expect(await store.listReviewKeys(code)).toEqual([]);
      expect(await store.addReviewKey(uniqueCode(), reviewKey(3))).toBe(false);
      expect(await store.revokeReviewKeys(uniqueCode())).toBe(false);
    });

    it('deletes a session with everything stored about it', async () => {
      const { store, code } = await fresh();
      await store.addParticipant(code, {
        participant: participant('p1', 'Ada'),
        nicknameKey: 'ada',
        maxParticipants: 500,
      });
      await store.startRound(code, 1, 10_000, 7);
      await store.createRun(code, run('run-aaaaaaaaaaaaaaa1', 'p1'), 5);
      await store.appendPoints(code, 'run-aaaaaaaaaaaaaaa1', [{ seq: 0, step: 1, elapsedMs: 1, trainLoss: 2 }], 5);
      await store.putText(code, 'aaaaaaaaaaaaaaaa', 'a text', 5);
      await store.addReviewKey(code, reviewKey(1));

      expect(await store.deleteSession(code)).toBe(true);
      expect(await store.getSession(code)).toBeNull();
      expect(await store.getRun(code, 'run-aaaaaaaaaaaaaaa1')).toBeNull();
      expect(await store.getPoints(code, 'run-aaaaaaaaaaaaaaa1')).toEqual([]);
      expect(await store.listRuns(code, 1)).toEqual([]);
      expect(await store.getText(code, 'aaaaaaaaaaaaaaaa')).toBeNull();
      expect(await store.listReviewKeys(code)).toEqual([]);
      expect(await store.roundChallenges(code)).toEqual([]);
      expect(await store.dueRounds(20_000)).not.toContainEqual({ code, index: 1 });
      expect(await store.deleteSession(code)).toBe(false);
      // The code is free again, and nothing of the old session shows through.
      expect(await store.createSession(meta(code))).toBe(true);
      expect(await store.getSession(code)).toEqual({ meta: meta(code), participants: [] });
    });
  });
}
