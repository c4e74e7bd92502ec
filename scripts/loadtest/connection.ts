import type { ClientEvent } from '../../lib/protocol/events';
import { ask, connectClient, type TestSocket } from '../../tests/helpers/test-client';
import type { ErrorTally } from './stats';

/**
 * The load test's sockets: each request goes through `emitWithAck` with a timeout (tests/helpers'
 * `ask`), each failure is counted by its code, and every socket opened is closed at the end.
 */
export class Connections {
  private readonly open = new Set<TestSocket>();

  constructor(readonly errors: ErrorTally) {}

  /** Connects to `url` (WebSocket, protocol-version handshake); null, counted as CONNECT, if refused. */
  async connect(url: string): Promise<TestSocket | null> {
    let socket: TestSocket;
    try {
      socket = await connectClient(url);
    } catch {
      this.errors.add('CONNECT');
      return null;
    }
    this.open.add(socket);
    socket.on('disconnect', (reason) => {
      this.open.delete(socket);
      if (reason !== 'io client disconnect') this.errors.add('DISCONNECT');
    });
    return socket;
  }

  /** Sends a request; resolves with its data, or null after counting the error code (TIMEOUT: no ack). */
  async request<T>(socket: TestSocket, event: ClientEvent, payload: unknown): Promise<T | null> {
    try {
      const ack = await ask<T>(socket, event, payload);
      if (ack.ok) return ack.data;
      this.errors.add(ack.error.code);
    } catch {
      this.errors.add('TIMEOUT');
    }
    return null;
  }

  /** Closes every socket still open. */
  closeAll(): void {
    for (const socket of this.open) socket.close();
    this.open.clear();
  }
}

/**
 * Runs `task(0)` … `task(n − 1)` with at most `limit` in flight, so a phase measures the server and not
 * a thundering herd. Stops starting new tasks once `deadline` (performance.now() ms) has passed.
 */
export async function inPool(n: number, limit: number, deadline: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < n && performance.now() < deadline) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}
