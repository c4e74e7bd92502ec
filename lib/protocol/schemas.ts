import './zod-setup';
import { z } from 'zod';
import type { BoardVisibility } from './board';
import { challengeSchema, type Challenge } from './challenge';

/**
 * The schemas are the source of truth for everything that crosses the network; the TypeScript types are
 * inferred from them. Every client -> server payload is `unknown` until one of these has parsed it.
 */

/** Join codes avoid look-alike characters (no 0/O, 1/I/L) so they can be read off a projector. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const NICKNAME_MIN = 2;
export const NICKNAME_MAX = 24;
/** Tokens are 32 random bytes in base64url (43 characters); the bounds leave room, not slack. */
const TOKEN_MIN = 32;
const TOKEN_MAX = 128;

const codePattern = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** Accepts what people type ("abc 123", "ABC-123") and normalises it before checking the alphabet. */
export const joinCodeSchema = z
  .string()
  .max(32, 'A join code has 6 characters')
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(codePattern, 'A join code is 6 letters or digits, like K7PQ2M'));

// Characters that show nothing, or nothing recognisable, would let two nicknames look the same or a
// nickname look empty: control and format characters (zero-width, bidi overrides), lone surrogates,
// private use, default-ignorable code points (Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation
// selectors) and the blank braille pattern U+2800.
const invisibleChars = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Default_Ignorable_Code_Point}\u2800]/u;
/** What a reader sees as a character: letters, digits, punctuation, symbols (not marks or spaces). */
const visibleChars = /[\p{L}\p{N}\p{P}\p{S}]/gu;
/**
 * Alphabets with letters that look like each other (Cyrillic "а" and Latin "a"); a nickname mixing them
 * is how a look-alike of someone else's is made. Other scripts (CJK, Arabic, ...) mix freely with these.
 */
const lookAlikeAlphabets = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
] as const;

function mixedAlphabets(nickname: string): string[] {
  const normalised = nickname.normalize('NFKC');
  return lookAlikeAlphabets.filter(([, letters]) => letters.test(normalised)).map(([name]) => name);
}

/**
 * A nickname as people type it, trimmed, inner white space folded, and without the emoji presentation
 * selectors phone keyboards add after some emoji (the emoji stays). Refuses what could pass for someone
 * else's nickname or for none; `nicknameKey` in lib/domain/session.ts folds what remains alike.
 */
export const nicknameSchema = z
  .string()
  .max(200, `A nickname has at most ${NICKNAME_MAX} characters`)
  .transform((s) =>
    s
      .replace(/[\uFE0E\uFE0F]/g, '')
      .trim()
      .replace(/\s+/g, ' '),
  )
  .pipe(
    z
      .string()
      .min(NICKNAME_MIN, `A nickname needs at least ${NICKNAME_MIN} characters`)
      .max(NICKNAME_MAX, `A nickname has at most ${NICKNAME_MAX} characters`)
      .refine((s) => !invisibleChars.test(s), 'A nickname cannot contain invisible characters')
      .refine(
        (s) => (s.match(visibleChars)?.length ?? 0) >= NICKNAME_MIN,
        `A nickname needs at least ${NICKNAME_MIN} letters, digits or symbols`,
      )
      .superRefine((s, ctx) => {
        const alphabets = mixedAlphabets(s);
        if (alphabets.length > 1)
          ctx.addIssue({
            code: 'custom',
            message: `A nickname cannot mix alphabets (${alphabets.join(' and ')}): write it in one`,
          });
      }),
  );

const tokenSchema = z.string().min(TOKEN_MIN).max(TOKEN_MAX);
const participantIdSchema = z.string().min(1).max(64);

// ---- Requests (client -> server, answered through an ack) ----

export const sessionCreateRequest = z.object({}).strict();

export const sessionJoinRequest = z.object({ code: joinCodeSchema, nickname: nicknameSchema }).strict();

export const sessionResumeRequest = z.discriminatedUnion('role', [
  z.object({ role: z.literal('host'), code: joinCodeSchema, hostToken: tokenSchema }).strict(),
  z
    .object({
      role: z.literal('student'),
      code: joinCodeSchema,
      participantId: participantIdSchema,
      token: tokenSchema,
    })
    .strict(),
]);

export const hostKickRequest = z.object({ participantId: participantIdSchema }).strict();

export const hostLockRequest = z.object({ locked: z.boolean() }).strict();

export const challengeSetRequest = z.object({ challenge: challengeSchema }).strict();
export const roundStartRequest = z.object({}).strict();
export const roundEndRequest = z.object({}).strict();

export type SessionCreateRequest = z.input<typeof sessionCreateRequest>;
export type SessionJoinRequest = z.input<typeof sessionJoinRequest>;
export type SessionResumeRequest = z.input<typeof sessionResumeRequest>;
export type HostKickRequest = z.input<typeof hostKickRequest>;
export type HostLockRequest = z.input<typeof hostLockRequest>;
export type ChallengeSetRequest = z.input<typeof challengeSetRequest>;
export type RoundStartRequest = z.input<typeof roundStartRequest>;
export type RoundEndRequest = z.input<typeof roundEndRequest>;

// ---- Views and replies (server -> client) ----

export interface ParticipantView {
  id: string;
  nickname: string;
  /** Milliseconds since the Unix epoch. */
  joinedAt: number;
}

export type RoundStatus = 'idle' | 'running' | 'ended';

/** Round 0 is "none yet". Times are milliseconds since the Unix epoch, on the server's clock. */
export interface RoundState {
  index: number;
  status: RoundStatus;
  startedAt: number | null;
  /** When the server ends the round by itself; null when the host ends it by hand. */
  endsAt: number | null;
  endedAt: number | null;
}

/** What every member of a session may see. Holds no secrets. */
export interface SessionView {
  code: string;
  /** Increases with every change; a client keeps the view with the highest revision it has seen. */
  revision: number;
  locked: boolean;
  challenge: Challenge;
  /** Facts about the challenge's task that the form needs before any data is generated. */
  task: { vocabSize: number };
  round: RoundState;
  /** What students are shown of the class board. */
  board: { visibility: BoardVisibility; topN: number };
  /** The server's clock when it sent this view, so clients can show countdowns in server time. */
  serverNow: number;
  /** In join order; removed participants are not listed. */
  participants: ParticipantView[];
}

export type Role = 'host' | 'student';

export interface SessionCreateReply {
  code: string;
  /** Keep it secret: whoever holds it can act as host. */
  hostToken: string;
  session: SessionView;
}

export interface SessionJoinReply {
  participantId: string;
  /** Keep it secret: whoever holds it can act as this participant. */
  token: string;
  session: SessionView;
}

export interface SessionResumeReply {
  role: Role;
  participantId: string | null;
  session: SessionView;
}

export interface HostLockReply {
  locked: boolean;
}

export interface SessionKickedNotice {
  message: string;
}

/** Participants with at least one open connection, on any server instance, sorted. */
export interface SessionPresence {
  online: string[];
}
