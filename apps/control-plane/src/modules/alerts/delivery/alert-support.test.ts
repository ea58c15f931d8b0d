import { describe, expect, it } from 'vitest';
import type { ExecutorIdentity } from '../../executors/executor-registry';
import { supportsAlert } from './alert-support';

const executor = (language: string, sdkVersion: string) =>
  ({ language, sdkVersion }) as ExecutorIdentity;

describe('which executors are sent the alert message', () => {
  it('follows the SDK versions that know it (TS 4.8, Python 2.10, Go; never Java)', () => {
    expect(supportsAlert(executor('typescript', '5.2.11'))).toBe(true);
    expect(supportsAlert(executor('typescript', '4.8.0'))).toBe(true);
    expect(supportsAlert(executor('typescript', '4.7.9'))).toBe(false);
    expect(supportsAlert(executor('python', '2.10.1'))).toBe(true);
    expect(supportsAlert(executor('python', '2.9.0'))).toBe(false);
    expect(supportsAlert(executor('go', 'v0.9.0'))).toBe(true);
    expect(supportsAlert(executor('java', '1.0.0'))).toBe(false);
    expect(supportsAlert(executor('typescript', 'podium-sdk/0.1.0'))).toBe(true);
  });
});
