'use client';

import type { Cell, RankingMetric } from '@/lib/protocol/challenge';

/**
 * The classes this browser has hosted, joined or been given a review link for, kept in localStorage so
 * the start page can list them after class. A student's entry also keeps their own results of each
 * ended round, which they cannot read from the server once the class is over (exports need the host
 * key or a review key).
 */

/** One of the student's runs as the round ended: its rank among the round's runs. */
export interface OwnRunResult {
  runId: string;
  cell: Cell;
  /** Best score by the round's metric (bits per token, or accuracy 0..1); null without a validation. */
  score: number | null;
  rank: number;
  of: number;
}

export interface OwnRoundResult {
  round: number;
  title: string;
  metric: RankingMetric;
  runs: OwnRunResult[];
}

export interface KnownClass {
  code: string;
  role: 'host' | 'student' | 'reviewer';
  nickname?: string;
  /** This browser has opened its review page (a host always can). */
  reviewed?: boolean;
  /** Milliseconds since the epoch this browser last opened it. */
  seenAt: number;
  results?: OwnRoundResult[];
}

const KEY = 'rnn-arena:classes';
/** The list stays short enough to read at a glance; the oldest entries fall off. */
const MAX_CLASSES = 30;
const reviewKeyKey = (code: string) => `rnn-arena:review:${code}`;

function read(): KnownClass[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((c): c is KnownClass => typeof c?.code === 'string' && typeof c?.role === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Known classes, most recently opened first. */
export function knownClasses(): KnownClass[] {
  return read().sort((a, b) => b.seenAt - a.seenAt);
}

/**
 * Records that this browser opened `code` as `role` (a host stays a host when they later open its
 * review page), merging `update` into what is kept.
 */
export function rememberClass(code: string, role: KnownClass['role'], update: Partial<KnownClass> = {}): void {
  const list = read();
  const existing = list.find((c) => c.code === code);
  const keptRole =
    existing?.role === 'host' || (existing?.role === 'student' && role === 'reviewer') ? existing.role : role;
  const entry: KnownClass = { ...existing, ...update, code, role: keptRole, seenAt: Date.now() };
  const rest = list.filter((c) => c.code !== code).sort((a, b) => b.seenAt - a.seenAt);
  localStorage.setItem(KEY, JSON.stringify([entry, ...rest].slice(0, MAX_CLASSES)));
}

/** Keeps a student's results of one round (replacing an earlier copy of the same round). */
export function rememberResults(code: string, result: OwnRoundResult): void {
  const existing = read().find((c) => c.code === code);
  const results = [...(existing?.results ?? []).filter((r) => r.round !== result.round), result].sort(
    (a, b) => a.round - b.round,
  );
  rememberClass(code, 'student', { results });
}

/** Forgets a class (after its host deleted it). */
export function forgetClass(code: string): void {
  localStorage.setItem(KEY, JSON.stringify(read().filter((c) => c.code !== code)));
  localStorage.removeItem(reviewKeyKey(code));
}

export const reviewKeys = {
  get: (code: string): string | null => localStorage.getItem(reviewKeyKey(code)),
  save: (code: string, key: string) => localStorage.setItem(reviewKeyKey(code), key),
};

/**
 * A secret passed in a link's fragment (`#key=...`): read once, then removed from the address bar so it
 * is not left in view or in the page's history entry. The fragment never reaches the server.
 */
export function takeKeyFromFragment(): string | null {
  const match = window.location.hash.match(/^#key=([A-Za-z0-9_-]{16,128})$/);
  if (!match) return null;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return match[1];
}
