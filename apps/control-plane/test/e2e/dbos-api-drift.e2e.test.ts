import { beforeAll, describe, expect, it } from 'vitest';
import { driftFrom, type Drift } from './api-drift';
import { readDbosFixture as read } from './dbos-conductor-spec';
import { usePostgresControlPlane } from './start';

/**
 * The served `/openapi.json` against DBOS Conductor's published API (the vendored fixture):
 * issue 10 is done when nothing is missing. Until then `known-drift.json` lists what still is,
 * and the test requires the actual gaps to equal that list exactly: a gap that opens fails it
 * (a regression), and so does one that closes while still listed (shorten the list with the
 * change that closes it).
 */

interface KnownDrift {
  readonly missingOperations: string[];
  readonly missingFields: string[];
  readonly missingStatuses: string[];
  readonly refusedValues: string[];
  readonly foreignValues: string[];
}

function report(drift: Drift): string {
  const { operations, fields } = drift;
  return [
    `DBOS Conductor API parity: served ${operations.served} of ${operations.total} operations; ` +
      `${fields.present} of ${fields.total} DBOS field names of the served operations present.`,
    `Missing operations (${drift.missingOperations.length}):`,
    ...drift.missingOperations.map((key) => `  ${key}`),
    `Missing fields (${drift.missingFields.length}):`,
    ...drift.missingFields.map((field) => `  ${field}`),
    `Missing success statuses (${drift.missingStatuses.length}):`,
    ...drift.missingStatuses.map((status) => `  ${status}`),
    `DBOS enum values refused in requests (${drift.refusedValues.length}):`,
    ...drift.refusedValues.map((value) => `  ${value}`),
    `Values answered outside DBOS enums (${drift.foreignValues.length}):`,
    ...drift.foreignValues.map((value) => `  ${value}`),
  ].join('\n');
}

/** What to add to and remove from the list, as readable lines. */
function changes(actual: string[], known: string[], what: string): string[] {
  const opened = actual.filter((x) => !known.includes(x));
  const closed = known.filter((x) => !actual.includes(x));
  return [
    ...opened.map((x) => `new ${what} gap (a regression, or list it): ${x}`),
    ...closed.map((x) => `${what} gap closed (remove it from known-drift.json): ${x}`),
  ];
}

describe('the served API against DBOS Conductor 2.0.0 (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  let drift: Drift;
  const known = read('known-drift.json') as unknown as KnownDrift;

  beforeAll(async () => {
    const served = (await (await fetch(`${stack.server.url}/openapi.json`)).json()) as Record<
      string,
      unknown
    >;
    drift = driftFrom(read('openapi-3.1.json'), served);
    console.log(report(drift));
  });

  it('compares all 63 operations of the vendored spec', () => {
    expect(drift.operations.total).toBe(63);
  });

  it('misses exactly the operations known-drift.json lists', () => {
    expect(changes(drift.missingOperations, known.missingOperations, 'operation')).toEqual([]);
  });

  it('misses exactly the field names known-drift.json lists', () => {
    expect(changes(drift.missingFields, known.missingFields, 'field')).toEqual([]);
  });

  it('answers every success status DBOS documents (201 for creates, 204 …) but those listed', () => {
    expect(changes(drift.missingStatuses, known.missingStatuses, 'status')).toEqual([]);
  });

  it('takes every value DBOS enumerates for a request field, and answers none outside its enums but those listed', () => {
    expect(changes(drift.refusedValues, known.refusedValues, 'refused value')).toEqual([]);
    expect(changes(drift.foreignValues, known.foreignValues, 'foreign value')).toEqual([]);
  });
});
