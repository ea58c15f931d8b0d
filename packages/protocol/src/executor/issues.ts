import type { z } from 'zod';

/** One schema violation, with a dotted path (`body.limit`, `output.0.WorkflowUUID`). */
export interface WireIssue {
  path: string;
  message: string;
}

/** Converts zod issues to plain, serialisable ones (at most 20: enough to debug, cheap to log). */
export function toWireIssues(issues: readonly z.core.$ZodIssue[]): WireIssue[] {
  return issues
    .slice(0, 20)
    .map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
