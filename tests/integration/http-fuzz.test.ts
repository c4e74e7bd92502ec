import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent } from '@/lib/protocol/events';
import { textsPath, WASM_ASSET_PREFIX, weightsPath } from '@/lib/protocol/http-paths';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { connectClient, expectOk, type TestSocket } from '../helpers/test-client';

const REQUESTS = 400;
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

/** A small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return { pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)], next };
}

describe('every HTTP route, fuzzed', () => {
  let server: ServerProcess;
  let host: TestSocket;
  let created: SessionCreateReply;

  beforeAll(async () => {
    server = await startServerProcess({ REDIS_URL: '', DATA_DIR: `/tmp/arena-http-fuzz-${process.pid}` });
    host = await connectClient(server.url);
    created = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
  });
  afterAll(async () => {
    host.disconnect();
    await server.stop();
  });

  it(`answers ${REQUESTS} malformed requests without a server error, and stays healthy`, async () => {
    const { pick, next } = generator(20261201);
    const segments = ['ZZZZZZ', created.code, created.code.toLowerCase(), '..', '%2e%2e', '%00', 'ü', 'x'.repeat(3000)];
    const paths = () => [
      textsPath(pick(segments)),
      `${textsPath(created.code)}/${pick(['0123456789abcdef', 'zz', '../../package.json', '%2e%2e%2fpackage.json'])}`,
      `${WASM_ASSET_PREFIX}${pick(['tfjs-backend-wasm.wasm', '../package.json', '%2e%2e/package.json', '', 'x?y'])}`,
      `/api/sessions/${pick(segments)}/${pick(['texts', 'export.csv', 'weights', ''])}`,
      weightsPath(pick(segments), pick(['run-0000000000000001', '..', '%00', 'x'.repeat(80)])),
      '/healthz',
      `/${pick(['', 'host/ZZZZZZ', 'play/ZZZZZZ', 'nope', '_next/static/x.js'])}`,
    ];
    const auth = () =>
      pick([undefined, 'Bearer', 'Bearer x', `Bearer ${created.hostToken}`, 'Basic abc', 'Bearer ' + 'y'.repeat(5000)]);
    const body = () =>
      pick([
        undefined,
        '',
        'short',
        'a text. '.repeat(400),
        new Uint8Array(Array.from({ length: 3000 }, () => Math.floor(next() * 256))),
      ]);

    for (let i = 0; i < REQUESTS; i++) {
      const method = pick(METHODS);
      const path = pick(paths());
      const authorization = auth();
      const payload = method === 'GET' || method === 'HEAD' ? undefined : body();
      const response = await fetch(`${server.url}${path}`, {
        method,
        body: payload,
        headers: {
          ...(authorization ? { authorization } : {}),
          ...(next() < 0.5 ? { 'content-type': 'application/octet-stream' } : {}),
        },
        redirect: 'manual',
      });
      const text = method === 'HEAD' ? '' : await response.text();
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      expect(text, `${method} ${path}`).not.toContain('"devDependencies"');
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
