import { describe, expect, it } from 'vitest';
import type { ExecutorIdentity } from './executor-registry';
import {
  supportsAlert,
  supportsCancelChildren,
  supportsQueueTarget,
  supportsRestart,
  supportsRewind,
  supportsWorkflowIds,
} from './message-support';

const executor = (language: string | null, sdkVersion: string | null) =>
  ({ language, sdkVersion }) as ExecutorIdentity;

describe('which executors are sent the message types only some SDKs know', () => {
  it('sends alert to the SDK versions that know it (TS 4.8, Python 2.10, Go; never Java)', () => {
    expect(supportsAlert(executor('typescript', '5.2.11'))).toBe(true);
    expect(supportsAlert(executor('typescript', '4.8.0'))).toBe(true);
    expect(supportsAlert(executor('typescript', '4.7.9'))).toBe(false);
    expect(supportsAlert(executor('python', '2.10.1'))).toBe(true);
    expect(supportsAlert(executor('python', '2.9.0'))).toBe(false);
    expect(supportsAlert(executor('go', 'v0.9.0'))).toBe(true);
    expect(supportsAlert(executor('java', '1.0.0'))).toBe(false);
    expect(supportsAlert(executor('typescript', 'podium-sdk/0.1.0'))).toBe(true);
  });

  it('sends restart to Python, Java, TypeScript before 5.0 and our SDK; never Go', () => {
    expect(supportsRestart(executor('typescript', '4.20.3'))).toBe(true);
    expect(supportsRestart(executor('typescript', '5.0.0'))).toBe(false);
    expect(supportsRestart(executor('typescript', '5.2.11'))).toBe(false);
    expect(supportsRestart(executor('typescript', 'unknown'))).toBe(false);
    expect(supportsRestart(executor('python', '2.30.0'))).toBe(true);
    expect(supportsRestart(executor('java', '1.0.0'))).toBe(true);
    expect(supportsRestart(executor('go', 'v1.2.0'))).toBe(false);
    expect(supportsRestart(executor('typescript', 'podium-sdk/0.1.0'))).toBe(true);
  });

  it('sends rewind_workflow to TypeScript 5.1 and later and our SDK only', () => {
    expect(supportsRewind(executor('typescript', '5.2.11'))).toBe(true);
    expect(supportsRewind(executor('typescript', '5.1.0'))).toBe(true);
    expect(supportsRewind(executor('typescript', '5.0.4'))).toBe(false);
    expect(supportsRewind(executor('python', '2.30.0'))).toBe(false);
    expect(supportsRewind(executor('go', 'v1.2.0'))).toBe(false);
    expect(supportsRewind(executor('java', '1.0.0'))).toBe(false);
    expect(supportsRewind(executor('typescript', 'podium-sdk/0.1.0'))).toBe(true);
  });

  it('names many workflows in one frame only to TS 4.11, Python 2.15, Go, Java and our SDK', () => {
    expect(supportsWorkflowIds(executor('typescript', '4.11.0'))).toBe(true);
    expect(supportsWorkflowIds(executor('typescript', '4.10.3'))).toBe(false);
    expect(supportsWorkflowIds(executor('python', '2.15.0'))).toBe(true);
    expect(supportsWorkflowIds(executor('python', '2.14.2'))).toBe(false);
    expect(supportsWorkflowIds(executor('go', 'v0.9.0'))).toBe(true);
    expect(supportsWorkflowIds(executor('java', '1.0.0'))).toBe(true);
    expect(supportsWorkflowIds(executor('typescript', 'podium-sdk/0.1.0'))).toBe(true);
    // Too old to say its language and version (TypeScript < 4.5, Python < 2.6, Go < 0.9).
    expect(supportsWorkflowIds(executor(null, null))).toBe(false);
  });

  it('sends cancel_children only to TS 4.20, Python 2.24, Go, Java and our SDK', () => {
    expect(supportsCancelChildren(executor('typescript', '4.20.0'))).toBe(true);
    expect(supportsCancelChildren(executor('typescript', '4.19.9'))).toBe(false);
    expect(supportsCancelChildren(executor('python', '2.24.0'))).toBe(true);
    expect(supportsCancelChildren(executor('python', '2.23.1'))).toBe(false);
    expect(supportsCancelChildren(executor('go', 'v0.9.0'))).toBe(true);
    expect(supportsCancelChildren(executor('typescript', 'podium-sdk/0.1.0'))).toBe(true);
    expect(supportsCancelChildren(executor(null, null))).toBe(false);
  });

  it('sends a resume or fork onto a queue only to TS 4.11 and later among TypeScript', () => {
    expect(supportsQueueTarget(executor('typescript', '4.11.0'))).toBe(true);
    expect(supportsQueueTarget(executor('typescript', '4.10.3'))).toBe(false);
    expect(supportsQueueTarget(executor('python', '2.6.0'))).toBe(true);
    expect(supportsQueueTarget(executor('python', 'unknown'))).toBe(true);
    expect(supportsQueueTarget(executor('java', '1.0.0'))).toBe(true);
    expect(supportsQueueTarget(executor(null, null))).toBe(false);
  });
});
