#!/usr/bin/env node
// Prisma Migrate commands the stock CLI cannot do here, over the wasm engine:
//
//   node engine/prisma-wasm.mjs migrate check
//       Fails (exit 2) when schema.prisma has a change no migration captures.
//       Needs no database: migrations are replayed into an in-memory PGlite.
//   node engine/prisma-wasm.mjs migrate deploy --pglite <dir>
//       Applies pending migrations to an embedded PGlite data folder.
//   node engine/prisma-wasm.mjs migrate dev --pglite <dir> --name <name> [--create-only]
//       Creates (and applies) a migration without any PostgreSQL server.
//
// With a PostgreSQL server, use the stock CLI instead: `pnpm prisma migrate dev`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  NO_FILTERS,
  clearEngineTimers,
  listMigrations,
  openSchemaEngine,
  pgliteFactory,
} from './schema-engine-wasm.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const positionals = [];
const argv = process.argv.slice(2);
while (argv.length && !argv[0].startsWith('-')) positionals.push(argv.shift());
const { values: opt } = parseArgs({
  args: argv,
  options: {
    name: { type: 'string' },
    'create-only': { type: 'boolean' },
    pglite: { type: 'string' },
    schema: { type: 'string', default: path.join(root, 'schema.prisma') },
    migrations: { type: 'string', default: path.join(root, 'migrations') },
  },
});
const command = positionals.join(' ');
const say = (line = '') => process.stdout.write(line + '\n');

const schemaFiles = [{ path: opt.schema, content: fs.readFileSync(opt.schema, 'utf8') }];
const schema = { files: schemaFiles };
const migrations = () => listMigrations(opt.migrations);
const needsDatabase = command !== 'migrate check';
if (needsDatabase && !opt.pglite)
  fail('Pass --pglite <data dir>; for PostgreSQL use `pnpm prisma migrate ...`.');

const factory = await pgliteFactory(opt.pglite ?? 'memory://');
const engine = await openSchemaEngine(factory, { schemaFiles });
let exitCode;
try {
  exitCode = await run();
} catch (error) {
  process.stderr.write(`Error: ${error?.message ?? error}\n`);
  exitCode = 1;
} finally {
  engine.free();
  clearEngineTimers();
  await factory.close();
}
process.exit(exitCode);

async function run() {
  switch (command) {
    case 'migrate check': {
      const result = await engine.diff({
        from: { tag: 'migrations', ...migrations() },
        to: { tag: 'schemaDatamodel', ...schema },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      });
      if (result.exitCode === 2) {
        process.stdout.write(result.stdout ?? '');
        process.stderr.write(
          '\nschema.prisma has changes that no migration captures.\n' +
            'Create one: pnpm prisma migrate dev --name <what_changed>\n',
        );
        return 2;
      }
      say('schema.prisma and prisma/migrations agree.');
      return result.exitCode;
    }
    case 'migrate deploy': {
      const list = migrations();
      const result = await engine.applyMigrations({ migrationsList: list, filters: NO_FILTERS });
      const applied = result.appliedMigrationNames;
      say(`${list.migrationDirectories.length} migration(s) found.`);
      say(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations to apply.');
      return 0;
    }
    case 'migrate dev':
      return migrateDev();
    default:
      throw new Error(`Unknown command "${command}". See the header of engine/prisma-wasm.mjs.`);
  }
}

async function migrateDev() {
  const applied = await engine.applyMigrations({
    migrationsList: migrations(),
    filters: NO_FILTERS,
  });
  if (applied.appliedMigrationNames.length)
    say(`Applied: ${applied.appliedMigrationNames.join(', ')}`);
  // evaluateDataLoss/createMigration reuse the shadow schema devDiagnostic caches.
  await engine.devDiagnostic({ migrationsList: migrations(), filters: NO_FILTERS });
  const loss = await engine.evaluateDataLoss({
    migrationsList: migrations(),
    schema,
    filters: NO_FILTERS,
  });
  if (loss.migrationSteps === 0) {
    say('Already in sync: no schema change to capture.');
    return 0;
  }
  for (const warning of loss.warnings) say(`Warning: ${warning.message}`);
  if (!opt.name) throw new Error('Pass --name <migration_name>.');
  const out = await engine.createMigration({
    draft: Boolean(opt['create-only']),
    migrationName: opt.name.replace(/[^A-Za-z0-9_]+/g, '_'),
    migrationsList: migrations(),
    schema,
    filters: NO_FILTERS,
  });
  if (out.migrationScript === null) return 0;
  const dir = path.join(path.resolve(opt.migrations), out.generatedMigrationName);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `migration.${out.extension}`), out.migrationScript);
  say(`Created ${path.relative(process.cwd(), dir)}/migration.${out.extension}`);
  if (!opt['create-only']) {
    const result = await engine.applyMigrations({
      migrationsList: migrations(),
      filters: NO_FILTERS,
    });
    say(`Applied: ${result.appliedMigrationNames.join(', ')}`);
  }
  return 0;
}

function fail(message) {
  process.stderr.write(`Error: ${message}\n`);
  process.exit(1);
}
