import { countForkFromFailureSelectors } from './bodies';
import type { MessageType } from './catalog';
import type { WireIssue } from './issues';

/**
 * The conductor-side defaults (spec §7.2) and the rules that the schemas deliberately do not
 * enforce (decoding stays lenient). Each entry names the SDK that needs it.
 */

/** A request under construction: top-level fields (and `body`) without `type`/`request_id`. */
export type Draft = Record<string, unknown>;

type Fill = (draft: Draft, body: Draft) => void;

const listDefaults: Fill = (_draft, body) => {
  // Python defaults load_* to true and TS to false; sort order defaults to ascending in both.
  body.sort_desc ??= false;
  body.load_input ??= false;
  body.load_output ??= false;
};

const DEFAULTS: Partial<Record<MessageType, Fill>> = {
  list_workflows: listDefaults,
  list_queued_workflows: listDefaults,
  // Python builds these dataclasses with required keys: a missing one drops the connection.
  cancel: (draft) => {
    draft.cancel_children ??= false;
  },
  delete: (draft) => {
    draft.delete_children ??= false;
  },
  export_workflow: (draft) => {
    draft.export_children ??= false;
  },
  fork_workflow: (_draft, body) => {
    body.new_workflow_id ??= null;
    body.application_version ??= null;
  },
  retention: (_draft, body) => {
    body.gc_cutoff_epoch_ms ??= null;
    body.gc_rows_threshold ??= null;
    // gc_batch_size stays out unless set: Python (2.27+) takes a null one for "no batches",
    // one DELETE of the whole backlog, and an absent one for its default.
    body.timeout_cutoff_epoch_ms ??= null;
  },
  // TS ≤ 4.27 reads the old spellings; every SDK ignores keys it does not know.
  get_workflow_aggregates: (_draft, body) => {
    if (body.workflow_ids !== undefined) body.workflow_uuids ??= body.workflow_ids;
    if (body.user !== undefined) body.authenticated_user ??= body.user;
  },
};

/** Adds the keys some SDK requires to be present. Mutates `draft` (and its `body`). */
export function applyRequestDefaults(type: MessageType, draft: Draft): void {
  const body = isDraft(draft.body) ? draft.body : {};
  DEFAULTS[type]?.(draft, body);
}

/** Rules for frames we send that decoding tolerates from others. */
export function checkEncodeRules(type: MessageType, draft: Draft): WireIssue[] {
  const body = isDraft(draft.body) ? draft.body : {};
  const issues: WireIssue[] = [];
  if (isEmptyArray(body.workflow_uuids)) {
    // TS builds `IN ()` and fails with an SQL syntax error.
    issues.push({ path: 'body.workflow_uuids', message: 'must not be empty (omit it instead)' });
  }
  if (isEmptyArray(draft.workflow_ids)) {
    // TS acts on nothing, Python and Go fall back to workflow_id: ambiguous, so refused.
    issues.push({ path: 'workflow_ids', message: 'must not be empty (omit it instead)' });
  }
  if (type === 'fork_from_failure') {
    const selectors = countForkFromFailureSelectors(body);
    if (selectors !== 1) {
      issues.push({
        path: 'body',
        message:
          'needs exactly one of from_last_failure, from_last_step, from_step, from_step_name',
      });
    }
  }
  return issues;
}

function isDraft(value: unknown): value is Draft {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}
