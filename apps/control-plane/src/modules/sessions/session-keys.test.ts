import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveSessionKeys, loadSessionKeys } from './session-keys';

const silent = pino({ level: 'silent' });
const dirs: string[] = [];

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-session-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'session-secret');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadSessionKeys', () => {
  it('uses the configured secret', async () => {
    const secret = 's'.repeat(40);
    const keys = await loadSessionKeys({ secret, secretFile: '', secureCookies: true }, silent);
    expect(keys).toEqual(deriveSessionKeys(secret));
  });

  it('generates a secret once, keeps it private on disk, and reuses it on restart', async () => {
    const secretFile = tempFile();
    const config = { secret: null, secretFile, secureCookies: false };
    const first = await loadSessionKeys(config, silent);
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(secretFile, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    const second = await loadSessionKeys(config, silent);
    expect(second).toEqual(first);
  });

  it('refuses a stored secret that is too short', async () => {
    const secretFile = tempFile();
    fs.mkdirSync(path.dirname(secretFile), { recursive: true });
    fs.writeFileSync(secretFile, 'short\n');
    await expect(
      loadSessionKeys({ secret: null, secretFile, secureCookies: false }, silent),
    ).rejects.toThrow(/shorter than 32/);
  });

  it('derives distinct keys for access tokens and CSRF tokens', () => {
    const keys = deriveSessionKeys('k'.repeat(32));
    expect(Buffer.from(keys.accessToken).equals(keys.csrf)).toBe(false);
  });
});
