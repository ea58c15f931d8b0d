import type { z } from 'zod';
import { EXECUTOR_MESSAGES } from './executor-messages';
import { catalogOf } from './message';
import { SCHEDULE_MESSAGES } from './queue-schedule-messages';
import { WORKFLOW_ACTION_MESSAGES } from './workflow-actions';
import { WORKFLOW_QUERY_MESSAGES } from './workflow-messages';

/**
 * THE executor protocol: every DBOS message type → `{ request, response }` schemas. The decoder,
 * the encoder and the handler-map types below are all derived from this one object, so the
 * control plane and the SDK cannot drift apart.
 */
export const ExecutorMessages = catalogOf([
  ...EXECUTOR_MESSAGES,
  ...WORKFLOW_QUERY_MESSAGES,
  ...WORKFLOW_ACTION_MESSAGES,
  ...SCHEDULE_MESSAGES,
]);
export type ExecutorMessageCatalog = typeof ExecutorMessages;

/** Every DBOS message `type` string this package knows (34). */
export type MessageType = keyof ExecutorMessageCatalog;

/** The same list at runtime. */
export const MESSAGE_TYPES = Object.keys(ExecutorMessages) as MessageType[];

/** True when `type` names a message in the catalog (not an inherited property). */
export function isMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(ExecutorMessages, type);
}

/** A request as decoded (conductor → executor). */
export type RequestOf<K extends MessageType> = z.infer<ExecutorMessageCatalog[K]['request']>;
/** A response as decoded (executor → conductor). */
export type ResponseOf<K extends MessageType> = z.infer<ExecutorMessageCatalog[K]['response']>;

type Envelope = 'type' | 'request_id';
/** What `encodeRequest(type, fields)` takes: the request without its envelope, `request_id` optional. */
export type RequestFieldsOf<K extends MessageType> = Omit<
  z.input<ExecutorMessageCatalog[K]['request']>,
  Envelope
> & { request_id?: string };
/** What a handler returns: the response without its envelope (`error_message` included). */
export type ResponseBodyOf<K extends MessageType> = Omit<ResponseOf<K>, Envelope>;

/** Union of every request, discriminated by `type`. */
export type ExecutorRequest = { [K in MessageType]: RequestOf<K> }[MessageType];
/** Union of every response, discriminated by `type`. */
export type ExecutorResponse = { [K in MessageType]: ResponseOf<K> }[MessageType];

/**
 * One handler per message type, as the executor side dispatches them: exhaustive, so adding a
 * message to the catalog is a compile error until every implementation handles it.
 */
export type ExecutorRequestHandlers = {
  [K in MessageType]: (request: RequestOf<K>) => Promise<ResponseBodyOf<K>>;
};

/** Handlers for a subset of types (unhandled types answer `UNKNOWN_MESSAGE_TYPE_ERROR`). */
export type PartialExecutorRequestHandlers = Partial<ExecutorRequestHandlers>;

/** One callback per response type, as the control plane consumes them. */
export type ExecutorResponseHandlers<R = void> = {
  [K in MessageType]: (response: ResponseOf<K>) => R;
};
