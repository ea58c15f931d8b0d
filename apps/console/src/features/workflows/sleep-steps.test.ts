import { describe, expect, it } from 'vitest';
import { sleepWakeUpAt } from './sleep-steps';

describe('sleepWakeUpAt', () => {
  it('reads the wake-up time of TypeScript (ms) and Python (s) sleep steps', () => {
    expect(sleepWakeUpAt({ stepName: 'podium.sleep', output: '1796400000000' })).toBe(
      '2026-12-04T16:00:00.000Z',
    );
    expect(sleepWakeUpAt({ stepName: 'DBOS.sleep', output: '1796400000.5' })).toBe(
      '2026-12-04T16:00:00.500Z',
    );
  });

  it('leaves other steps and unreadable outputs alone', () => {
    expect(sleepWakeUpAt({ stepName: 'chargePayment', output: '1796400000000' })).toBeNull();
    expect(sleepWakeUpAt({ stepName: 'podium.sleep', output: null })).toBeNull();
    expect(sleepWakeUpAt({ stepName: 'DBOS.sleep', output: "'soon'" })).toBeNull();
  });
});
