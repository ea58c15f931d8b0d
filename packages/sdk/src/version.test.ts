import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SDK_VERSION, SDK_VERSION_STRING } from './version';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

describe('SDK_VERSION', () => {
  it("is @podium/sdk's package.json version", () => {
    expect(manifest.name).toBe('@podium/sdk');
    expect(SDK_VERSION).toBe(manifest.version);
  });

  it('is reported as podium-sdk/<version>', () => {
    expect(SDK_VERSION_STRING).toBe(`podium-sdk/${manifest.version}`);
  });
});
