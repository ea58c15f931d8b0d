import type { TimelineEvent, TimelineEventKind } from '@podium/protocol/rest';
import { formatDateTime } from '../../lib/format';
import type { TimeZoneSetting } from '../../lib/time-zone';

/**
 * Reading the timeline: each kind's label and icon (the icon is decoration; the label says
 * it), the console page an event links to, range presets, and grouping by day. Pure, tested.
 */
export const KIND_DISPLAY: Record<
  TimelineEventKind,
  { readonly label: string; readonly icon: string; readonly tone: string }
> = {
  'alert.fired': { label: 'Alert fired', icon: '▲', tone: 'bad' },
  'alert.resolved': { label: 'Alert resolved', icon: '✓', tone: 'ok' },
  'executor.connected': { label: 'Executor connected', icon: '●', tone: 'ok' },
  'executor.disconnected': { label: 'Executor disconnected', icon: '○', tone: 'warn' },
  'executor.dead': { label: 'Executor dead', icon: '✕', tone: 'bad' },
  'executor.recovered': { label: 'Executor recovered', icon: '↺', tone: 'info' },
  'version.appeared': { label: 'Version appeared', icon: '◆', tone: 'info' },
  audit: { label: 'Operator action', icon: '✎', tone: 'neutral' },
};

export const RANGE_PRESETS = [
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { id: 'all', label: 'All time', ms: null },
] as const;
export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];

/** The start of a preset's window, as of `now`; null for all time. */
export function startTimeOf(preset: RangePresetId, now: number): string | null {
  const ms = RANGE_PRESETS.find((p) => p.id === preset)?.ms ?? null;
  return ms === null ? null : new Date(now - ms).toISOString();
}

/** Where an event's object lives in the console, and what the link says. */
export function timelineLink(
  org: string,
  event: TimelineEvent,
): { readonly href: string; readonly label: string } | null {
  const base = `/orgs/${encodeURIComponent(org)}`;
  const appBase = event.application
    ? `${base}/apps/${encodeURIComponent(event.application)}`
    : null;
  switch (event.target.type) {
    case 'alert_rule':
      return appBase ? { href: `${appBase}/alerts`, label: 'Alert rules' } : null;
    case 'executor':
    case 'version':
      return appBase ? { href: `${appBase}/executors`, label: 'Executors' } : null;
    case 'workflow':
      return appBase
        ? {
            href: `${appBase}/workflows/${encodeURIComponent(event.target.id)}`,
            label: 'Workflow',
          }
        : null;
    case 'audit_entry': {
      const target = event.details.auditTarget as { type?: unknown; id?: unknown } | undefined;
      if (appBase && target?.type === 'workflow' && typeof target.id === 'string') {
        return {
          href: `${appBase}/workflows/${encodeURIComponent(target.id)}`,
          label: 'Workflow',
        };
      }
      if (appBase && target?.type === 'alerting_rule') {
        return { href: `${appBase}/alerts`, label: 'Alert rules' };
      }
      return { href: `${base}/audit`, label: 'Audit log' };
    }
    default:
      return null;
  }
}

/** Consecutive events of one calendar day (in the operator's zone), newest day first. */
export function groupByDay(
  events: readonly TimelineEvent[],
  zone: TimeZoneSetting,
): Array<{ readonly day: string; readonly events: TimelineEvent[] }> {
  const days: Array<{ day: string; events: TimelineEvent[] }> = [];
  for (const event of events) {
    const day = formatDateTime(event.at, zone).slice(0, 10);
    const last = days.at(-1);
    if (last?.day === day) last.events.push(event);
    else days.push({ day, events: [event] });
  }
  return days;
}

/** The time of day of an event, in the operator's zone. */
export function timeOfDay(at: string, zone: TimeZoneSetting): string {
  return formatDateTime(at, zone).slice(11);
}
