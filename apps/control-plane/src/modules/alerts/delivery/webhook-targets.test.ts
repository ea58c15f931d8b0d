import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, privateTargetReason, publicOnlyLookup } from './webhook-targets';

function lookup(hostname: string, all: boolean) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>(
    (resolve) =>
      publicOnlyLookup(hostname, { all }, (error, address) => resolve({ error, address })),
  );
}

describe('webhook targets', () => {
  it('knows the addresses a webhook may not reach, mapped IPv4 included', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.31.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      '::7f00:1', // IPv4-compatible 127.0.0.1
      '::a9fe:a9fe', // IPv4-compatible 169.254.169.254
      '::ffff:0:a00:1', // SIIT 10.0.0.1
      '64:ff9b::7f00:1', // NAT64 of 127.0.0.1
      '64:ff9b::10.0.0.1',
      '2002:c0a8:101::1', // 6to4 of 192.168.1.1
      '64:ff9b:1::1',
      'fec0::1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '2606:4700::1111',
      '64:ff9b::5db8:d822', // NAT64 of 93.184.216.34 (how IPv6-only networks reach IPv4)
      '2002:5db8:d822::1', // 6to4 of 93.184.216.34
    ]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('refuses URLs naming a private address or localhost, before any lookup', () => {
    const reason = (url: string) => privateTargetReason(new URL(url));
    expect(reason('http://127.0.0.1:8080/hook')).toMatch(/127\.0\.0\.1 is a private/);
    expect(reason('http://[::1]/hook')).toMatch(/private/);
    expect(reason('http://169.254.169.254/latest/meta-data')).toMatch(/private/);
    expect(reason('http://LOCALHOST./hook')).toMatch(/private/);
    expect(reason('http://api.localhost/hook')).toMatch(/private/);
    expect(reason('https://hooks.slack.com/services/T/B/x')).toBeNull();
    expect(reason('https://93.184.216.34/hook')).toBeNull();
  });

  it('fails a lookup that finds only private addresses, and passes public ones', async () => {
    const local = await lookup('localhost', false);
    expect(local.error?.code).toBe('PRIVATE_ADDRESS');
    expect(local.error?.message).toMatch(/localhost resolves to a private/);
    expect(await lookup('93.184.216.34', false)).toEqual({ error: null, address: '93.184.216.34' });
    expect(await lookup('93.184.216.34', true)).toEqual({
      error: null,
      address: [{ address: '93.184.216.34', family: 4 }],
    });
  });
});
