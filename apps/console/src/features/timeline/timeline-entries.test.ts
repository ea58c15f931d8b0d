import type { TimelineEvent } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { groupByDay, startTimeOf, timelineLink } from './timeline-entries';

const event = (over: Partial<TimelineEvent>): TimelineEvent => ({
  at: '2026-12-04T10:00:00.000Z',
  kind: 'executor.dead',
  application: 'shop',
  summary: 'Executor e1 was declared dead',
  target: { type: 'executor', id: 'e1' },
  details: {},
  ...over,
});

describe('reading the timeline', () => {
  it('links each kind of object to its page', () => {
    expect(timelineLink('acme', event({}))?.href).toBe('/orgs/acme/apps/shop/executors');
    expect(
      timelineLink('acme', event({ kind: 'alert.fired', target: { type: 'alert_rule', id: 'r' } })),
    ).toEqual({ href: '/orgs/acme/apps/shop/alerts', label: 'Alert rules' });
    expect(
      timelineLink(
        'acme',
        event({
          kind: 'audit',
          target: { type: 'audit_entry', id: 'a1' },
          details: { auditTarget: { type: 'workflow', id: 'w 1' } },
        }),
      )?.href,
    ).toBe('/orgs/acme/apps/shop/workflows/w%201');
    expect(
      timelineLink(
        'acme',
        event({ kind: 'audit', application: null, target: { type: 'audit_entry', id: 'a2' } }),
      )?.href,
    ).toBe('/orgs/acme/audit');
    expect(
      timelineLink(
        'acme',
        event({
          kind: 'audit',
          target: { type: 'audit_entry', id: 'a3' },
          details: { auditTarget: { type: 'alerting_rule', id: 'r' } },
        }),
      )?.href,
    ).toBe('/orgs/acme/apps/shop/alerts');
    // An application-less executor event has nowhere to go.
    expect(timelineLink('acme', event({ application: null }))).toBeNull();
  });

  it('groups newest-first events by day in the chosen zone', () => {
    const days = groupByDay(
      [
        event({ at: '2026-12-05T00:30:00.000Z' }),
        event({ at: '2026-12-04T23:30:00.000Z' }),
        event({ at: '2026-12-04T01:00:00.000Z' }),
      ],
      'utc',
    );
    expect(days.map((d) => [d.day, d.events.length])).toEqual([
      ['2026-12-05', 1],
      ['2026-12-04', 2],
    ]);
  });

  it('starts a preset window that far back, and all time nowhere', () => {
    const now = Date.parse('2026-12-04T12:00:00.000Z');
    expect(startTimeOf('1h', now)).toBe('2026-12-04T11:00:00.000Z');
    expect(startTimeOf('all', now)).toBeNull();
  });
});
