import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '@/server/config';

const dir = mkdtempSync(path.join(tmpdir(), 'arena-config-'));
const cert = path.join(dir, 'cert.pem');
const key = path.join(dir, 'key.pem');
writeFileSync(cert, 'CERT');
writeFileSync(key, 'KEY');
/** An environment with `vars` set (NODE_ENV is required by Next.js's typing of process.env). */
const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => ({ NODE_ENV: 'production', ...vars });

describe('readConfig: HTTPS_CERT and HTTPS_KEY', () => {
  it('serves plain http when neither is set', () => {
    expect(readConfig(env()).tls).toBeNull();
  });

  it('reads both PEM files', () => {
    const { tls } = readConfig(env({ HTTPS_CERT: cert, HTTPS_KEY: key }));
    expect(tls?.cert.toString()).toBe('CERT');
    expect(tls?.key.toString()).toBe('KEY');
  });

  it('refuses one without the other, an unreadable file, and a plain-http PUBLIC_URL', () => {
    expect(() => readConfig(env({ HTTPS_CERT: cert }))).toThrow('needs both HTTPS_CERT and HTTPS_KEY');
    expect(() => readConfig(env({ HTTPS_CERT: cert, HTTPS_KEY: path.join(dir, 'missing.pem') }))).toThrow(
      /HTTPS_KEY: cannot read .*ENOENT/,
    );
    expect(() => readConfig(env({ HTTPS_CERT: cert, HTTPS_KEY: key, PUBLIC_URL: 'http://10.0.0.2:3000' }))).toThrow(
      'PUBLIC_URL must use https',
    );
    expect(
      readConfig(env({ HTTPS_CERT: cert, HTTPS_KEY: key, PUBLIC_URL: 'https://arena.school.example' })).publicUrls,
    ).toEqual(['https://arena.school.example']);
  });
});
