import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent } from '@/lib/protocol/events';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { PROTOCOL_VERSION } from '@/lib/protocol/version';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { connectClient, expectOk, type TestSocket } from '../helpers/test-client';

const CAP = 20;
const auth = { protocolVersion: PROTOCOL_VERSION };
/** A connection as seen from `address` (the server trusts X-Forwarded-For here, as behind a proxy). */
const from = (url: string, address: string) =>
  connectClient(url, auth, { extraHeaders: { 'x-forwarded-for': address } });

describe('connections per network address', () => {
  let dataDir: string;
  let server: ServerProcess;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-connections-'));
    server = await startServerProcess({
      REDIS_URL: '',
      DATA_DIR: dataDir,
      TRUST_PROXY: '1',
      MAX_CONNECTIONS_PER_ADDRESS: String(CAP),
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses one address past its cap while the health check and other addresses are served', async () => {
    for (let i = 0; i < CAP; i++) sockets.push(await from(server.url, '10.0.0.1'));
    await expect(from(server.url, '10.0.0.1')).rejects.toThrow();
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { 'x-forwarded-for': '10.0.0.1' },
    });
    expect(polling.status).toBe(403);
    expect(await polling.text()).toContain('Too many connections from this network address');

    expect(await (await fetch(`${server.url}/healthz`)).text()).toBe('ok');
    const other = await from(server.url, '10.0.0.2');
    sockets.push(other);
    const { code } = await expectOk<SessionCreateReply>(other, ClientEvent.SessionCreate, {});
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    // A closed connection frees its place.
    const closed = sockets.shift() as TestSocket;
    const gone = new Promise((resolve) => closed.once('disconnect', resolve));
    closed.disconnect();
    await gone;
    await expect
      .poll(async () => {
        const socket = await from(server.url, '10.0.0.1').catch(() => null);
        if (socket) sockets.push(socket);
        return socket !== null;
      })
      .toBe(true);
  });
});
