import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent } from '@/lib/protocol/events';
import { TRAINING_WORKER_PATH, WASM_ASSET_PREFIX, textsPath } from '@/lib/protocol/http-paths';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { PROTOCOL_VERSION } from '@/lib/protocol/version';
import { startServerProcess } from '../helpers/server-process';
import { ask, connectClient, expectOk } from '../helpers/test-client';

/** An origin the class's own pages are served from besides the Host of the request (a proxy's name). */
const PUBLIC_URL = 'http://arena.school.example:8080';
const HANDSHAKE_PATH = '/socket.io/?EIO=4&transport=polling';

/** Resolves with the handshake's outcome: 'connected', or the error socket.io-client reports. */
function handshake(url: string, origin?: string): Promise<string> {
  const socket = io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: origin === undefined ? {} : { origin },
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(`refused: ${err.message}`));
  }).finally(() => socket.disconnect()) as Promise<string>;
}

/** A polling handshake sent with exactly these headers (fetch would not let a test set Host). */
function rawHandshake(port: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: HANDSHAKE_PATH, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web hardening', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'arena-hardening-'));
    server = await startServerProcess({ REDIS_URL: '', DATA_DIR: dataDir, PUBLIC_URL });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends the security headers on pages, Next.js assets and the server’s own routes', async () => {
    const home = await fetch(`${server.url}/`);
    const html = await home.text();
    const asset = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
    expect(asset).toBeDefined();
    const responses: [string, Response][] = [['/', home]];
    for (const route of [
      asset as string,
      TRAINING_WORKER_PATH,
      '/host/K7PQ2M',
      '/healthz',
      `${textsPath('K7PQ2M')}/0123456789abcdef`,
      `${WASM_ASSET_PREFIX}tfjs-backend-wasm.wasm`,
      `${WASM_ASSET_PREFIX}nothing.wasm`,
      HANDSHAKE_PATH,
      '/no-such-page',
    ]) {
      responses.push([route, await fetch(`${server.url}${route}`)]);
    }
    for (const [route, response] of responses) {
      const headers = Object.fromEntries(response.headers);
      expect({ route, ...headers }).toMatchObject({
        route,
        'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      expect(headers, route).not.toHaveProperty('x-powered-by');
    }
    const csp = home.headers.get('content-security-policy') as string;
    expect(csp).toMatch(/script-src [^;]*'wasm-unsafe-eval'/);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).toContain("object-src 'none'");
  });

  it('refuses a socket handshake from another site’s page, with the reason', async () => {
    expect(await handshake(server.url, 'http://evil.example')).toMatch(/^refused/);
    expect(await handshake(server.url, 'null')).toMatch(/^refused/);
    const polling = await fetch(`${server.url}${HANDSHAKE_PATH}`, { headers: { origin: 'http://evil.example' } });
    expect(polling.status).toBe(403);
    expect(((await polling.json()) as { message: string }).message).toContain('http://evil.example');
  });

  it('refuses a DNS-rebinding page: a foreign origin whose name the Host header repeats', async () => {
    const rebound = `rebind.example:${server.port}`;
    const reply = await rawHandshake(server.port, { origin: `http://${rebound}`, host: rebound });
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('PUBLIC_URL');
    // The same request from this machine's own address on its port is let in.
    const own = `127.0.0.1:${server.port}`;
    expect((await rawHandshake(server.port, { origin: `http://${own}`, host: own })).status).toBe(200);
  });

  it('accepts a handshake from its own origin, a configured public one, or a client without an origin', async () => {
    expect(await handshake(server.url, server.url)).toBe('connected');
    expect(await handshake(server.url, PUBLIC_URL)).toBe('connected');
    expect(await handshake(server.url)).toBe('connected');
  });

  it('refuses look-alike and blank nicknames, and lets no all-Cyrillic look-alike take a taken one', async () => {
    const host = await connectClient(server.url);
    const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const student = await connectClient(server.url);
    expect(await ask(student, ClientEvent.SessionJoin, { code, nickname: '\u0410da' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.BadRequest, message: expect.stringContaining('cannot mix alphabets') },
    });
    for (const nickname of ['\u3164\u3164', '\u2800\u2800']) {
      expect(await ask(student, ClientEvent.SessionJoin, { code, nickname })).toMatchObject({
        ok: false,
        error: { code: ErrorCode.BadRequest },
      });
    }
    await expectOk(student, ClientEvent.SessionJoin, { code, nickname: 'Ada' });
    const impostor = await connectClient(server.url);
    expect(await ask(impostor, ClientEvent.SessionJoin, { code, nickname: '\u0410\u0501\u0430' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.NicknameTaken },
    });
    for (const socket of [host, student, impostor]) socket.disconnect();
  });
});
