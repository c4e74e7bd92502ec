import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent } from '@/lib/protocol/events';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { PROTOCOL_VERSION } from '@/lib/protocol/version';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { connectClient, expectOk } from '../helpers/test-client';

/** A throw-away self-signed certificate for localhost and 127.0.0.1, as a school's own CA would issue one. */
function selfSignedPair(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert],
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/** GET over TLS trusting only `ca`; resolves with the status, the body and the certificate the server showed. */
function getTrusting(url: string, ca: Buffer) {
  return new Promise<{ status: number; body: string; fingerprint: string }>((resolve, reject) => {
    httpsGet(url, { ca }, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
    }).on('error', reject);
  });
}

describe('HTTPS from HTTPS_CERT and HTTPS_KEY', () => {
  let dir: string;
  let ca: Buffer;
  let server: ServerProcess;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'arena-https-'));
    const pair = selfSignedPair(dir);
    ca = await readFile(pair.cert);
    server = await startServerProcess({
      REDIS_URL: '',
      DATA_DIR: path.join(dir, 'data'),
      HTTPS_CERT: pair.cert,
      HTTPS_KEY: pair.key,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves over TLS with the configured certificate', async () => {
    expect(server.url).toMatch(/^https:/);
    const health = await getTrusting(`${server.url}/healthz`, ca);
    expect(health).toMatchObject({ status: 200, body: 'ok' });
    const expected = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: ca })
      .toString()
      .split('=')[1]
      .trim();
    expect(health.fingerprint).toBe(expected);
  });

  it('does not answer plain http on its port', async () => {
    const outcome = await new Promise<string>((resolve) => {
      httpGet(`http://127.0.0.1:${server.port}/healthz`, (res) => resolve(`status ${res.statusCode}`)).on(
        'error',
        (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message),
      );
    });
    expect(outcome).not.toBe('status 200');
  });

  it('lets a host and a student meet over Socket.IO on TLS', async () => {
    const options = { ca: ca.toString() };
    const host = await connectClient(server.url, { protocolVersion: PROTOCOL_VERSION }, options);
    const student = await connectClient(server.url, { protocolVersion: PROTOCOL_VERSION }, options);
    try {
      const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
      const joined = await expectOk<SessionJoinReply>(student, ClientEvent.SessionJoin, { code, nickname: 'Ada' });
      expect(joined.participantId).toEqual(expect.any(String));
    } finally {
      host.disconnect();
      student.disconnect();
    }
  });

  it('shows the projector an https join address', async () => {
    const host = await connectClient(server.url, { protocolVersion: PROTOCOL_VERSION }, { ca: ca.toString() });
    const { code } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    host.disconnect();
    const page = await getTrusting(`${server.url}/host/${code}`, ca);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(new RegExp(`https://[^"\\\\ ]+:${server.port}`));
    expect(page.body).not.toMatch(new RegExp(`http://[^"\\\\ ]+:${server.port}`));
  });
});
