// Protocol schemas by name, as types only: the console's browser code names the schema an
// answer must match and the console's server checks it (check-answer.ts), so the browser
// bundle carries neither zod nor the schemas, and every type still comes from the protocol.
import type * as Rest from '@podium/protocol/rest';
import type { z } from 'zod';

type RestExports = typeof Rest;

/** The name of a protocol schema, e.g. `'GetWorkflowResponseSchema'`. */
export type SchemaName = {
  [K in keyof RestExports]: RestExports[K] extends z.ZodType ? K : never;
}[keyof RestExports];

/** What the schema named `N` parses an answer into. */
export type Parsed<N extends SchemaName> = z.output<RestExports[N]>;

/** The name of a list schema (a bare array, as `listResponse` makes them). */
export type ListSchemaName = {
  [K in SchemaName]: Parsed<K> extends readonly unknown[] ? K : never;
}[SchemaName];

/** One item of the list the schema named `N` parses. */
export type ListItem<N extends ListSchemaName> = Parsed<N>[number];
