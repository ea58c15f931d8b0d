import { z } from 'zod';
import { IsoTimestampSchema, RestTimestampSchema, queryList } from './query-params';
import { TIMELINE_EVENT_KINDS } from './values/timeline-kinds';

export { TIMELINE_EVENT_KINDS } from './values/timeline-kinds';

/**
 * The incident timeline (Podium's own; DBOS Conductor has none):
 * `GET /v2/orgs/{org}/timeline` and `GET /v2/orgs/{org}/apps/{app}/timeline`. One time axis of
 * what happened to an organization's applications, newest first, from what the control plane
 * stores: alert firings and resolutions, executor links, versions first seen, operator actions.
 */

export const TimelineEventKindSchema = z.enum(TIMELINE_EVENT_KINDS);
export type TimelineEventKind = z.infer<typeof TimelineEventKindSchema>;

/** What an event links to: the console opens that object's page. */
export const TIMELINE_TARGET_TYPES = [
  'alert_rule',
  'executor',
  'version',
  'audit_entry',
  'workflow',
] as const;
export const TimelineTargetSchema = z.object({
  type: z.enum(TIMELINE_TARGET_TYPES),
  id: z.string(),
});
export type TimelineTarget = z.infer<typeof TimelineTargetSchema>;

export const MAX_TIMELINE_LIMIT = 500;
/** Paging deeper than this is better done by moving `endTime` back. */
export const MAX_TIMELINE_OFFSET = 5_000;

export const TimelineQuerySchema = z
  .strictObject({
    startTime: RestTimestampSchema.optional().describe('Inclusive lower bound (RFC 3339).'),
    endTime: RestTimestampSchema.optional().describe('Exclusive upper bound (RFC 3339).'),
    kinds: queryList(TimelineEventKindSchema).describe(
      'Only these kinds (repeat the key, or separate with commas); default all.',
    ),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_TIMELINE_LIMIT)
      .default(100)
      .describe('Most events to return.'),
    offset: z.coerce
      .number()
      .int()
      .min(0)
      .max(MAX_TIMELINE_OFFSET)
      .default(0)
      .describe('Events to skip (newest first).'),
  })
  .refine((q) => !q.startTime || !q.endTime || Date.parse(q.startTime) < Date.parse(q.endTime), {
    message: 'startTime must be before endTime',
    path: ['endTime'],
  });
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;

export const TimelineEventSchema = z.object({
  at: IsoTimestampSchema,
  kind: TimelineEventKindSchema,
  /** The application's name; null for an organization-wide operator action. */
  application: z.string().nullable(),
  summary: z.string().describe('One line for people.'),
  target: TimelineTargetSchema,
  details: z.record(z.string(), z.unknown()).describe('Structured context of its kind.'),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/** Newest first (a bare array, as DBOS lists are). */
export const TimelineResponseSchema = z.array(TimelineEventSchema);
export type TimelineResponse = z.infer<typeof TimelineResponseSchema>;
