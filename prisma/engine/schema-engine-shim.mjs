#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary. prisma.config.ts points
// PRISMA_SCHEMA_ENGINE_BINARY here, so the stock CLI (`prisma migrate
// dev|deploy|status|diff|reset|resolve`, `db push|pull|execute`) talks to it as
// to the binary: JSON-RPC 2.0, one message per line on stdin/stdout, JSON logs
// on stderr. Each call is forwarded to the wasm engine (schema-engine-wasm.mjs).
import fs from 'node:fs';
import readline from 'node:readline';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { loadSchemaEngine, pgFactory, useInMemoryShadow } from './schema-engine-wasm.mjs';

const log = (level, message, extra = {}) =>
  process.stderr.write(
    JSON.stringify({ level, fields: { message, ...extra }, target: 'schema_engine::logger' }) +
      '\n',
  );

const datamodelPaths = [];
let datasource = null;
const rest = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--datamodels') datamodelPaths.push(args[++i]);
  else if (args[i] === '--datasource') datasource = JSON.parse(args[++i]);
  else if (args[i] === '--enabled-preview-features' || args[i] === '--extension-types') i++;
  else rest.push(args[i]);
}

const glue = await loadSchemaEngine();
if (rest[0] === '--version' || rest[0] === '-V') {
  process.stdout.write(`schema-engine-cli ${glue.version()} (wasm shim)\n`);
  process.exit(0);
}
// The CLI skips the first stderr line of `cli` commands (the binary's banner).
log('INFO', 'Starting schema engine (wasm shim)', { git_hash: glue.version() });

const url = datasource?.url ?? process.env.DATABASE_URL;
if (!url) {
  log('ERROR', 'No datasource url: set DATABASE_URL (see prisma/prisma.config.ts)');
  process.exit(1);
}

if (rest[0] === 'cli') await runCliCommand(rest[1]);
else serveJsonRpc();

// `schema-engine --datasource {...} cli <command>`, used before migrate dev/reset/deploy.
async function runCliCommand(command) {
  const { default: pg } = await import('pg');
  const dbName = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const quoted = `"${dbName.replaceAll('"', '""')}"`;
  const run = async (connectionString, sql) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      if (sql) await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    if (command === 'can-connect-to-database') await run(url);
    else if (command === 'create-database')
      await run(admin.toString(), `CREATE DATABASE ${quoted}`);
    else if (command === 'drop-database')
      await run(admin.toString(), `DROP DATABASE IF EXISTS ${quoted}`);
    else throw new Error(`unsupported cli command ${command}`);
    process.exit(0);
  } catch (error) {
    const codes = { '3D000': 'P1003', ECONNREFUSED: 'P1001' };
    const errorCode = codes[error.code];
    log('ERROR', error.message, errorCode ? { error_code: errorCode } : {});
    process.exit(1);
  }
}

function serveJsonRpc() {
  const schemaFiles = datamodelPaths.map((p) => [p, fs.readFileSync(p, 'utf8')]);
  const send = (message) =>
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
  let engine;
  const getEngine = async () => {
    if (engine) return engine;
    const adapterFactory = await pgFactory(url);
    // PRISMA_SHADOW_PGLITE=1: shadow database in memory instead of CREATE DATABASE.
    if (process.env.PRISMA_SHADOW_PGLITE === '1') useInMemoryShadow(adapterFactory);
    engine = await glue.SchemaEngine.new(
      { datamodels: schemaFiles.length ? schemaFiles : undefined },
      (line) => process.stderr.write(line.endsWith('\n') ? line : line + '\n'),
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    );
    return engine;
  };

  const call = async (e, { id, method, params }) => {
    switch (method) {
      case 'getDatabaseVersion':
        return e.version(params ?? null);
      case 'createDatabase':
        throw new Error('createDatabase is not supported by the wasm shim');
      case 'diff': {
        // The binary prints diffs through a `print` request; the wasm engine returns them.
        const { stdout, ...result } = await e.diff(params);
        if (stdout)
          send({
            id: `print-${id}`,
            method: 'print',
            params: { content: stdout.replace(/\n$/, '') },
          });
        return { ...result, stdout: null };
      }
      case 'evaluateDataLoss':
      case 'createMigration':
        try {
          return await e[method](params);
        } catch (error) {
          // The wasm engine gives these two no shadow factory: they reuse the shadow
          // schema devDiagnostic cached. After `migrate dev` applied pending
          // migrations that cache is stale, so warm it and retry once.
          if (!/shadow DB must be provided/.test(String(error?.message))) throw error;
          await e.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
          return e[method](params);
        }
      default:
        if (typeof e[method] !== 'function') throw new Error(`Unknown method ${method}`);
        return e[method](params ?? {});
    }
  };

  let queue = Promise.resolve();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    const request = JSON.parse(line);
    if (!request.method || request.id === undefined) return; // a reply to our `print`
    queue = queue.then(async () => {
      try {
        const result = await call(await getEngine(), request);
        send({ id: request.id, result: result ?? {} });
      } catch (error) {
        const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message;
        send({
          id: request.id,
          error: {
            code: 4466,
            message: 'An error happened. Check the data field for details.',
            data: {
              is_panic: Boolean(panic && /unreachable/.test(String(error?.message))),
              message: String(error?.message ?? error),
              error_code: error?.code,
              meta: error?.meta,
            },
          },
        });
      }
    });
  });
  rl.on('close', () => {
    void queue.then(() => {
      try {
        engine?.free();
      } catch {
        // already freed
      }
      process.exit(0);
    });
  });
}
