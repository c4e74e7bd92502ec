import type { ArenaSocket } from '../context';
import { requestAddress } from '../http/connection-cap';
import type { Limits } from '../limits';

/**
 * Token buckets by key: each key may spend `burst` requests at once, refilled at `perSecond`. A full
 * bucket is forgotten, so memory follows the keys that are busy now, not every key ever seen.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private sweptAt: number;

  constructor(
    private readonly now: () => number,
    readonly burst: number,
    readonly perSecond: number,
  ) {
    this.sweptAt = now();
  }

  /** Spends one token of `key`; false when its bucket is empty. */
  take(key: string): boolean {
    const t = this.now();
    if (t - this.sweptAt > (this.burst / this.perSecond) * 1000) this.sweep(t);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.perSecond);
    bucket.at = t;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private sweep(t: number): void {
    this.sweptAt = t;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((t - bucket.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
    }
  }
}

/** Requests one connection may make: a burst, refilled at a steady rate. */
const CONNECTION_BURST = 20;
const CONNECTION_PER_SECOND = 5;
/** Board loads with curves may come this many seconds' worth at once (a room of projectors reconnecting). */
const BOARD_BURST_SECONDS = 5;
/** A per-key limit allows this many seconds' worth of requests at once. */
const BURST_SECONDS = 4;

/** The limiters every connection of an instance shares, keyed by participant, address or session. */
export interface RequestGuards {
  participants: TokenBuckets;
  addresses: TokenBuckets;
  joins: TokenBuckets;
  sessions: TokenBuckets;
  boardCurves: TokenBuckets;
}

export function createGuards(limits: Limits, now: () => number): RequestGuards {
  const perSecond = (n: number) => new TokenBuckets(now, n * BURST_SECONDS, n);
  return {
    participants: perSecond(limits.requestsPerParticipantPerSecond),
    addresses: perSecond(limits.requestsPerAddressPerSecond),
    joins: new TokenBuckets(now, limits.joinsPerAddressPerMinute, limits.joinsPerAddressPerMinute / 60),
    sessions: new TokenBuckets(now, limits.sessionsPerAddressPerHour, limits.sessionsPerAddressPerHour / 3600),
    boardCurves: new TokenBuckets(
      now,
      limits.boardLoadsPerSessionPerSecond * BOARD_BURST_SECONDS,
      limits.boardLoadsPerSessionPerSecond,
    ),
  };
}

/** The client's network address: the socket's peer, or behind a trusted proxy the first X-Forwarded-For entry. */
export function clientAddress(socket: ArenaSocket, trustProxy: boolean): string {
  return requestAddress(socket.request, trustProxy);
}

/**
 * The limit on one connection's requests: its own bucket, and the shared buckets of its address and of
 * the participant it acts as, so one student on ten connections gets no more than on one.
 */
export function requestLimiter(guards: RequestGuards, socket: ArenaSocket, address: string, now: () => number) {
  const own = new TokenBuckets(now, CONNECTION_BURST, CONNECTION_PER_SECOND);
  return () => {
    const { code, participantId } = socket.data;
    if (!own.take('')) return false;
    if (participantId && !guards.participants.take(`${code}:${participantId}`)) return false;
    return guards.addresses.take(address);
  };
}
