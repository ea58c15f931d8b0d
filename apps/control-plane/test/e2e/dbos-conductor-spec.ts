import fs from 'node:fs';
import path from 'node:path';

/** DBOS Conductor's published API, vendored with what we know still differs (its README). */
const FIXTURES = path.join(__dirname, 'fixtures', 'dbos-conductor-api');

/** One JSON file of the vendored fixtures (`openapi-3.1.json`, `known-drift.json`). */
export function readDbosFixture(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

/** The values DBOS's spec allows for `Executor.status`: what a DBOS client validates. */
export function dbosExecutorStatuses(): string[] {
  const spec = readDbosFixture('openapi-3.1.json') as {
    components: { schemas: { Executor: { properties: { status: { enum: string[] } } } } };
  };
  return spec.components.schemas.Executor.properties.status.enum;
}
