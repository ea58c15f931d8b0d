import { describe, expect, it } from 'vitest';
import { renderExposition, type AppSamples } from './exposition';

const WINDOW_START_MS = 1_700_000_040_000;

const apps: AppSamples[] = [
  {
    application: 'billing',
    windowStartMs: WINDOW_START_MS,
    samples: [
      {
        family: 'executor_count',
        labels: { status: 'HEALTHY', application_version: 'v1' },
        value: 2,
      },
      { family: 'workflow_started_rate', labels: { workflow_name: 'charge' }, value: 1.5 },
    ],
  },
  {
    application: 'say "hi"\\now',
    windowStartMs: WINDOW_START_MS,
    samples: [
      { family: 'workflow_started_rate', labels: { workflow_name: 'line\nbreak' }, value: 0.5 },
    ],
  },
];

describe('renderExposition', () => {
  it('groups by family in catalog order, then application; escapes; stamps rates in ms', () => {
    expect(renderExposition(apps, 'prometheus')).toBe(
      [
        '# HELP dbos_conductor_v1_workflow_started_rate Workflows created per second.',
        '# TYPE dbos_conductor_v1_workflow_started_rate gauge',
        'dbos_conductor_v1_workflow_started_rate{application="billing",workflow_name="charge"} 1.5 1700000040000',
        'dbos_conductor_v1_workflow_started_rate{application="say \\"hi\\"\\\\now",workflow_name="line\\nbreak"} 0.5 1700000040000',
        '# HELP dbos_conductor_v1_executor_count Registered executors, by status and version.',
        '# TYPE dbos_conductor_v1_executor_count gauge',
        'dbos_conductor_v1_executor_count{application="billing",status="HEALTHY",application_version="v1"} 2',
        '',
      ].join('\n'),
    );
  });

  it('stamps in seconds and ends with # EOF in OpenMetrics', () => {
    const text = renderExposition(apps, 'openmetrics');
    expect(text).toContain('workflow_name="line\\nbreak"} 0.5 1700000040\n');
    expect(text.endsWith('# EOF\n')).toBe(true);
  });

  it('names no family that has no sample', () => {
    expect(renderExposition([], 'prometheus')).toBe('\n');
  });
});
