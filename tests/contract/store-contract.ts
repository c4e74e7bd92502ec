import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { generateJoinCode } from '@/lib/domain/join-code';
import { NO_ROUND, type Participant, type SessionMeta } from '@/lib/domain/session';
import type { Store } from '@/server/store/store';

/** Random codes, so suites can share one Redis without flushing it (a clash is a 1-in-887-million event). */
export const uniqueCode = () => generateJoinCode(randomInt);

export const meta = (code: string, overrides: Partial<SessionMeta> = {}): SessionMeta => ({
  code,
  createdAt: 1_700_000_000_000,
  hostTokenHash: 'h'.repeat(64),
  locked: false,
  revision: 0,
  challenge: DEFAULT_CHALLENGE,
  round: NO_ROUND,
  boardVisibility: 'full',
  boardTopN: 5,
  ...overrides,
});

export const participant = (id: string, nickname: string, joinedAt = 1_700_000_000_001): Participant => ({
  id,
  nickname,
  tokenHash: `${id}-hash`,
  joinedAt,
  kicked: false,
});

/**
 * The behaviour every Store must have. Run once per implementation; `open` returns a fresh store handle
 * (for Redis, over the shared test server) and `close` releases it.
 */
export function storeContract(name: string, open: () => Promise<Store>) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let code: string;
    beforeEach(async () => {
      store = await open();
      code = uniqueCode();
    });
    afterEach(() => store.close());

    it('round-trips a new session and reports unknown codes as null', async () => {
      expect(await store.createSession(meta(code))).toBe(true);
      expect(await store.getSession(code)).toEqual({ meta: meta(code), participants: [] });
      expect(await store.getSessionMeta(code)).toEqual(meta(code));
      expect(await store.getSession(uniqueCode())).toBeNull();
      expect(await store.getSessionMeta(uniqueCode())).toBeNull();
    });

    it('refuses a code that is already in use and leaves the first session intact', async () => {
      await store.createSession(meta(code));
      expect(await store.createSession(meta(code, { hostTokenHash: 'x'.repeat(64) }))).toBe(false);
      expect((await store.getSession(code))?.meta.hostTokenHash).toBe('h'.repeat(64));
    });

    it('adds participants and counts one revision per change', async () => {
      await store.createSession(meta(code));
      expect(
        await store.addParticipant(code, {
          participant: participant('p1', 'Ada'),
          nicknameKey: 'ada',
          maxParticipants: 500,
        }),
      ).toBe('ok');
      expect(
        await store.addParticipant(code, {
          participant: participant('p2', 'Alan'),
          nicknameKey: 'alan',
          maxParticipants: 500,
        }),
      ).toBe('ok');
      const record = await store.getSession(code);
      expect(record?.participants.map((p) => p.nickname).sort()).toEqual(['Ada', 'Alan']);
      expect(record?.meta.revision).toBe(2);
    });

    it('refuses a taken nickname key, a locked session and an unknown session', async () => {
      await store.createSession(meta(code));
      await store.addParticipant(code, {
        participant: participant('p1', 'Ada'),
        nicknameKey: 'ada',
        maxParticipants: 500,
      });
      expect(
        await store.addParticipant(code, {
          participant: participant('p2', 'ADA'),
          nicknameKey: 'ada',
          maxParticipants: 500,
        }),
      ).toBe('nickname-taken');
      await store.setLocked(code, true);
      expect(
        await store.addParticipant(code, {
          participant: participant('p3', 'Grace'),
          nicknameKey: 'grace',
          maxParticipants: 500,
        }),
      ).toBe('locked');
      expect(
        await store.addParticipant(uniqueCode(), {
          participant: participant('p4', 'Linus'),
          nicknameKey: 'linus',
          maxParticipants: 500,
        }),
      ).toBe('not-found');
      expect((await store.getSession(code))?.participants).toHaveLength(1);
    });

    it('lets exactly one of many concurrent joins take a nickname', async () => {
      await store.createSession(meta(code));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.addParticipant(code, {
            participant: participant(`p${i}`, 'Ada'),
            nicknameKey: 'ada',
            maxParticipants: 500,
          }),
        ),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect((await store.getSession(code))?.participants).toHaveLength(1);
    });

    it('admits participants up to the cap, not counting removed ones', async () => {
      await store.createSession(meta(code));
      expect(
        await store.addParticipant(code, {
          participant: participant('p1', 'Ada'),
          nicknameKey: 'ada',
          maxParticipants: 2,
        }),
      ).toBe('ok');
      expect(
        await store.addParticipant(code, {
          participant: participant('p2', 'Bo'),
          nicknameKey: 'bo',
          maxParticipants: 2,
        }),
      ).toBe('ok');
      expect(
        await store.addParticipant(code, {
          participant: participant('p3', 'Cy'),
          nicknameKey: 'cy',
          maxParticipants: 2,
        }),
      ).toBe('full');
      await store.markKicked(code, 'p1');
      expect(
        await store.addParticipant(code, {
          participant: participant('p3', 'Cy'),
          nicknameKey: 'cy',
          maxParticipants: 2,
        }),
      ).toBe('ok');
    });

    it('keeps texts up to the cap, and takes one it has again', async () => {
      await store.createSession(meta(code));
      expect(await store.putText(code, 'aaaaaaaaaaaaaaaa', 'first', 2)).toBe('ok');
      expect(await store.putText(code, 'bbbbbbbbbbbbbbbb', 'second', 2)).toBe('ok');
      expect(await store.putText(code, 'cccccccccccccccc', 'third', 2)).toBe('full');
      expect(await store.putText(code, 'aaaaaaaaaaaaaaaa', 'first', 2)).toBe('ok');
      expect(await store.getText(code, 'cccccccccccccccc')).toBeNull();
      expect(await store.putText(uniqueCode(), 'aaaaaaaaaaaaaaaa', 'first', 2)).toBe('not-found');
    });

    it('marks a participant as removed and keeps their nickname reserved', async () => {
      await store.createSession(meta(code));
      await store.addParticipant(code, {
        participant: participant('p1', 'Ada'),
        nicknameKey: 'ada',
        maxParticipants: 500,
      });
      expect(await store.participantStanding(code, 'p1')).toBe('active');
      expect(await store.markKicked(code, 'p1')).toBe(true);
      expect(await store.participantStanding(code, 'p1')).toBe('kicked');
      expect(await store.participantStanding(code, 'nobody')).toBeNull();
      expect(await store.participantStanding(uniqueCode(), 'p1')).toBeNull();
      expect(await store.markKicked(code, 'nobody')).toBe(false);
      expect(await store.markKicked(uniqueCode(), 'p1')).toBe(false);
      expect((await store.getSession(code))?.participants[0]).toMatchObject({ id: 'p1', kicked: true });
      expect(
        await store.addParticipant(code, {
          participant: participant('p2', 'ada'),
          nicknameKey: 'ada',
          maxParticipants: 500,
        }),
      ).toBe('nickname-taken');
    });

    it('renames a participant, keeping nicknames unique and freeing the old one', async () => {
      await store.createSession(meta(code));
      await store.addParticipant(code, {
        participant: participant('p1', 'Rude'),
        nicknameKey: 'rude',
        maxParticipants: 500,
      });
      await store.addParticipant(code, {
        participant: participant('p2', 'Ada'),
        nicknameKey: 'ada',
        maxParticipants: 500,
      });
      const rename = (participantId: string, nickname: string, previousKey: string) =>
        store.renameParticipant(code, { participantId, nickname, nicknameKey: nickname.toLowerCase(), previousKey });
      expect(await rename('p1', 'ADA', 'rude')).toBe('nickname-taken');
      expect(await rename('p1', 'Student 1', 'rude')).toBe('ok');
      expect(await rename('nobody', 'X', 'y')).toBe('not-found');
      expect((await store.getSession(code))?.participants.find((p) => p.id === 'p1')?.nickname).toBe('Student 1');
      expect(
        await store.addParticipant(code, {
          participant: participant('p3', 'Rude'),
          nicknameKey: 'rude',
          maxParticipants: 500,
        }),
      ).toBe('ok');
      expect(
        await store.addParticipant(code, {
          participant: participant('p4', 'student 1'),
          nicknameKey: 'student 1',
          maxParticipants: 500,
        }),
      ).toBe('nickname-taken');
    });

    it('sets what students see of the board', async () => {
      await store.createSession(meta(code));
      expect(await store.setBoardVisibility(code, 'top', 3)).toBe(true);
      expect((await store.getSession(code))?.meta).toMatchObject({ boardVisibility: 'top', boardTopN: 3 });
      expect(await store.setBoardVisibility(uniqueCode(), 'full', 5)).toBe(false);
    });

    it('locks and unlocks, and refuses an unknown session', async () => {
      await store.createSession(meta(code));
      expect(await store.setLocked(code, true)).toBe(true);
      expect((await store.getSession(code))?.meta.locked).toBe(true);
      expect(await store.setLocked(code, false)).toBe(true);
      expect((await store.getSession(code))?.meta).toMatchObject({ locked: false, revision: 2 });
      expect(await store.setLocked(uniqueCode(), true)).toBe(false);
    });
  });
}
