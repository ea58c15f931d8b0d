import { z } from 'zod';
import { baseRequestShape, baseResponseShape } from './common';

/**
 * One catalog entry: the DBOS `type` string with its request schema (conductor → executor) and
 * response schema (executor → conductor). Both carry the envelope (`type`, `request_id`, and
 * `error_message` on responses).
 */
export function defineMessage<
  const T extends string,
  Req extends z.core.$ZodLooseShape,
  Res extends z.core.$ZodLooseShape,
>(type: T, request: Req, response: Res) {
  return {
    type,
    request: z.object({ type: z.literal(type), ...baseRequestShape, ...request }),
    response: z.object({ type: z.literal(type), ...baseResponseShape, ...response }),
  };
}

/** The shape every catalog entry has, whatever its fields. */
export interface MessageDefinition {
  readonly type: string;
  readonly request: z.ZodType<{ type: string; request_id?: string | null }>;
  readonly response: z.ZodType<{ type: string; request_id?: string | null }>;
}

/** Turns a list of entries into an object keyed by their `type` strings. */
export function catalogOf<const E extends readonly MessageDefinition[]>(
  entries: E,
): { readonly [D in E[number] as D['type']]: D } {
  const catalog: Record<string, MessageDefinition> = {};
  for (const entry of entries) catalog[entry.type] = entry;
  return catalog as { readonly [D in E[number] as D['type']]: D };
}

/** The response of the many mutations that only report `success` (not proof the work was done). */
export const successResponse = { success: z.boolean().nullish() };
