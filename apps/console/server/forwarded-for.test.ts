import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { compileTrust, vouchForClient } from './forwarded-for.mjs';

function request(remoteAddress: string | undefined, forwardedFor?: string): IncomingMessage {
  const headers: Record<string, string> = {};
  if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
  return { socket: { remoteAddress }, connection: { remoteAddress }, headers } as never;
}

const vouched = (req: IncomingMessage, setting?: string) => {
  vouchForClient(req, compileTrust(setting));
  return req.headers['x-forwarded-for'];
};

describe('vouchForClient', () => {
  it('ignores what an untrusted (public) client claims: its own address goes up', () => {
    expect(vouched(request('203.0.113.7', '1.2.3.4'))).toBe('203.0.113.7');
    expect(vouched(request('203.0.113.7'))).toBe('203.0.113.7');
  });

  it('believes only loopback by default: a client on a private network is its own address', () => {
    expect(vouched(request('127.0.0.1', '198.51.100.1'))).toBe('198.51.100.1');
    expect(vouched(request('10.0.0.2', '198.51.100.1'))).toBe('10.0.0.2');
    expect(vouched(request('fd00::2', '198.51.100.1'))).toBe('fd00::2');
  });

  it('believes a trusted proxy in front, up to the first untrusted hop', () => {
    // A load balancer on a private network, named in the setting, forwarding a public client.
    expect(vouched(request('10.0.0.2', '9.9.9.9, 198.51.100.1'), '10.0.0.0/24')).toBe(
      '198.51.100.1',
    );
  });

  it('trusts nobody with "false", and a hop count or list when given', () => {
    expect(vouched(request('127.0.0.1', '198.51.100.1'), 'false')).toBe('127.0.0.1');
    expect(vouched(request('127.0.0.1', '9.9.9.9, 198.51.100.1'), '1')).toBe('198.51.100.1');
    expect(vouched(request('192.0.2.10', '198.51.100.1'), '192.0.2.0/24')).toBe('198.51.100.1');
  });

  it('drops the header when there is no peer address to vouch for', () => {
    expect(vouched(request(undefined, '1.2.3.4'))).toBeUndefined();
  });
});
