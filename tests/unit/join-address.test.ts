import { describe, expect, it } from 'vitest';
import { joinAddress, type InterfaceAddress } from '@/lib/domain/join-address';

const interfaces: InterfaceAddress[] = [
  { address: '127.0.0.1', family: 'IPv4', internal: true },
  { address: '::1', family: 'IPv6', internal: true },
  { address: '172.17.0.1', family: 'IPv4', internal: false },
  { address: 'fe80::1', family: 'IPv6', internal: false },
  { address: '192.168.1.20', family: 'IPv4', internal: false },
];

describe('joinAddress', () => {
  it('shows the first PUBLIC_URL entry and keeps the rest, whatever the host typed', () => {
    expect(
      joinAddress({
        publicUrl: ' https://arena.school.example/ , http://10.0.0.5:3000',
        host: 'localhost:3000',
        interfaces,
      }),
    ).toEqual({ base: 'https://arena.school.example', others: ['http://10.0.0.5:3000'], note: null });
  });

  it('keeps an address students can open as it is', () => {
    expect(joinAddress({ host: '192.168.1.20:3000', interfaces })).toEqual({
      base: 'http://192.168.1.20:3000',
      others: [],
      note: null,
    });
    expect(joinAddress({ host: 'arena.example', proto: 'https', interfaces, publicUrl: '' }).base).toBe(
      'https://arena.example',
    );
  });

  it('replaces a loopback address by the LAN addresses, home networks first, same port, and says so', () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) {
      const join = joinAddress({ host, interfaces });
      expect(join.base).toBe('http://192.168.1.20:3000');
      expect(join.others).toEqual(['http://172.17.0.1:3000']);
      expect(join.note).toMatch(/^Students can't open (localhost|127\.0\.0\.1|::1): showing 192\.168\.1\.20, this/);
    }
    expect(
      joinAddress({ host: 'localhost', interfaces: [{ address: '10.1.2.3', family: 4, internal: false }] }),
    ).toEqual({
      base: 'http://10.1.2.3',
      others: [],
      note: "Students can't open localhost: showing 10.1.2.3, this computer's address on the local network.",
    });
  });

  it('says what to do when a loopback host has no network address', () => {
    const join = joinAddress({ host: 'localhost:3000', interfaces: interfaces.filter((i) => i.internal) });
    expect(join.base).toBe('http://localhost:3000');
    expect(join.note).toMatch(/no address on a network.*set PUBLIC_URL/);
  });
});
