import type { BoardVisibility } from '../protocol/board';
import type { Challenge } from '../protocol/challenge';
import type { RoundState, SessionView } from '../protocol/schemas';

/** The stored form of a session's settings. Secrets are kept only as SHA-256 hashes. */
export interface SessionMeta {
  code: string;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
  hostTokenHash: string;
  locked: boolean;
  /** Goes up by one with every change, so clients can drop a view older than the one they hold. */
  revision: number;
  /** The challenge of the current or next round. */
  challenge: Challenge;
  round: RoundState;
  /** What students see of the class board; `boardTopN` applies to 'top'. */
  boardVisibility: BoardVisibility;
  boardTopN: number;
}

/** Before the host starts the first round. */
export const NO_ROUND: RoundState = { index: 0, status: 'idle', startedAt: null, endsAt: null, endedAt: null };

export interface Participant {
  id: string;
  /** As the participant typed it, trimmed. */
  nickname: string;
  tokenHash: string;
  /** Milliseconds since the Unix epoch. */
  joinedAt: number;
  /** A removed participant keeps their record (and nickname) so the revoked credential stays revoked. */
  kicked: boolean;
}

export interface SessionRecord {
  meta: SessionMeta;
  participants: Participant[];
}

/**
 * Lower-case Cyrillic and Greek letters that look like a Latin letter in some case ("В" like "B", "т" is
 * "Т" lowered like "T"), and that letter. The nickname rules refuse a name mixing these alphabets; this
 * map makes a name wholly in one of them that reads like a Latin one ("Аԁа") collide with it. Taken from
 * Unicode's confusables for the letters a class would type; a false collision only asks for another name.
 */
const LATIN_LOOK_ALIKES = new Map(
  [
    ...'аa вb еe з3 кk мm нh оo рp сc тt уy хx ѕs іi јj ԁd һh ԛq ԝw ӏl ьb'.split(' '), // Cyrillic
    ...'αa βb εe ζz ηh ιi κk μm νv οo ρp τt υy χx ϳj'.split(' '), // Greek
  ].map(([letter, latin]) => [letter, latin] as const),
);
const lookAlikeLetters = new RegExp(`[${[...LATIN_LOOK_ALIKES.keys()].join('')}]`, 'gu');

/**
 * The key under which a nickname must be unique: case-insensitive, blind to Unicode's compatibility
 * variants (NFKC) and to Cyrillic and Greek letters that look Latin, so "Ada", "ADA", "Ａｄａ" and
 * "Аԁа" (all Cyrillic) collide. Latin look-alikes within Latin ("l" and "I", "rn" and "m") do not.
 */
export function nicknameKey(nickname: string): string {
  return nickname
    .normalize('NFKC')
    .toLocaleLowerCase('en-US')
    .replace(lookAlikeLetters, (letter) => LATIN_LOOK_ALIKES.get(letter) ?? letter);
}

/**
 * What members of a session may see: no hashes, no removed participants, in join order.
 * `now`: the server's clock in milliseconds since the Unix epoch; `task`: facts about the challenge's task.
 */
export function toSessionView(record: SessionRecord, now: number, task: SessionView['task']): SessionView {
  return {
    serverNow: now,
    code: record.meta.code,
    revision: record.meta.revision,
    locked: record.meta.locked,
    challenge: record.meta.challenge,
    task,
    round: record.meta.round,
    board: { visibility: record.meta.boardVisibility, topN: record.meta.boardTopN },
    participants: record.participants
      .filter((p) => !p.kicked)
      .sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id))
      .map(({ id, nickname, joinedAt }) => ({ id, nickname, joinedAt })),
  };
}
