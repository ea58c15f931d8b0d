// Prisma's schema engine (migrations, diffs) without a native binary.
//
// Only the npm registry is reachable here, so Prisma's native `schema-engine`
// (downloaded from Prisma's CDN) can never be installed. This module loads the
// WebAssembly build of the same engine (@prisma/schema-engine-wasm) and gives it
// driver adapters for PostgreSQL (@prisma/adapter-pg) or embedded PGlite
// (pglite-prisma-adapter), with the five fixes the engine needs (see README.md
// in this folder; each is marked FIX below). Everything offline lives here; the
// shim and the CLI beside it are thin callers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';

globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
  message: '',
  set_message(message) {
    this.message = `RuntimeError: ${message}`;
  },
};

// ------------------------------------------------------------------ engine
let loaded;
const engineTimers = new Set();

/** FIX 5a: the engine arms 10 s timers it never clears; call after engine.free(). */
export function clearEngineTimers() {
  for (const timer of engineTimers) clearTimeout(timer);
  engineTimers.clear();
}

/** FIX 5b: the wasm glue binds one instance per process, so load it once. */
export function loadSchemaEngine() {
  return (loaded ??= instantiate());
}

async function instantiate() {
  // The package entry imports the .wasm as an ES module (not enabled in Node
  // 20/22), so instantiate it by hand against the JS glue.
  const gluePath = fileURLToPath(
    import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'),
  );
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasm = fs.readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const imports = { ...glue };
  for (const name of Object.keys(glue).filter((k) => k.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback, ms) => {
      const timer = setTimeout(() => {
        engineTimers.delete(timer);
        callback();
      }, ms >>> 0);
      engineTimers.add(timer);
      return timer;
    };
  }
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {
    './schema_engine_bg.js': imports,
  });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

// ------------------------------------------------------------------ adapters
function toDriverAdapterError(error) {
  if (error instanceof DriverAdapterError || typeof error?.code !== 'string') return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code,
    severity: error.severity ?? 'ERROR',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

// FIX 3 + 4: the native engine runs a migration as ONE multi-statement script
// (atomic, $$ bodies intact). adapter-pg splits scripts on ';' and the PGlite
// adapter does not await exec(), losing errors. Restore the native behaviour.
function runScriptsWhole(adapter, exec) {
  adapter.executeScript = async (script) => {
    try {
      await exec(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  };
  return adapter;
}

// FIX 1: catalog queries return PostgreSQL's internal "char" type (OID 18, e.g.
// pg_class.relkind) which adapter-pg cannot decode. The values arrive as plain
// strings, so label those columns text / text[].
function relabelCharColumns(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === 18) field.dataTypeID = 25;
      else if (field.dataTypeID === 1002) field.dataTypeID = 1009;
    }
  }
  return result;
}

/** A migration-aware adapter factory over PostgreSQL. `close()` ends its pools. */
export async function pgFactory(url) {
  const { default: pg } = await import('pg');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  class SchemaEngineClient extends pg.Client {
    query(config, values, callback) {
      const cb = typeof values === 'function' ? values : callback;
      if (typeof cb === 'function') {
        const wrapped = (err, res) => cb(err, err ? res : relabelCharColumns(res));
        return typeof values === 'function'
          ? super.query(config, wrapped)
          : super.query(config, values, wrapped);
      }
      const ret = super.query(config, values);
      return typeof ret?.then === 'function' ? ret.then(relabelCharColumns) : ret;
    }
  }
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  const make = (u) =>
    new PrismaPg(
      { connectionString: u, Client: SchemaEngineClient },
      schema ? { schema } : undefined,
    );
  const factory = make(url);
  const connect = factory.connect.bind(factory);
  const fix = (adapter) => runScriptsWhole(adapter, (s) => adapter.underlyingDriver().query(s));
  const open = new Set();
  factory.connect = async () => {
    const adapter = fix(await connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (open.delete(adapter)) await dispose();
    };
    open.add(adapter);
    return adapter;
  };
  // The engine's free() does not dispose its main connection.
  factory.close = async () => {
    await Promise.all([...open].map((adapter) => adapter.dispose()));
  };
  // FIX 2: PrismaPg#connectToShadowDb creates a database, then opens a pool with
  // { ...config, database } — but pg lets connectionString win over database,
  // so the "shadow" would be the MAIN database. Build the shadow URL instead.
  factory.connectToShadowDb = async () => {
    const main = await factory.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadowUrl = new URL(url);
    shadowUrl.pathname = `/${database}`;
    const shadow = fix(await make(shadowUrl.toString()).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

/** A migration-aware adapter factory over PGlite: a data dir, 'memory://', or an open instance. */
export async function pgliteFactory(dataDirOrInstance) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const owned = typeof dataDirOrInstance === 'string';
  if (owned && !dataDirOrInstance.includes('://'))
    fs.mkdirSync(dataDirOrInstance, { recursive: true });
  const db = owned ? new PGlite(dataDirOrInstance) : dataDirOrInstance;
  await db.waitReady;
  const factory = new PrismaPGlite(db);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => runScriptsWhole(await connect(), (s) => db.exec(s));
  useInMemoryShadow(factory);
  factory.close = async () => {
    if (owned) await db.close();
  };
  return factory;
}

/** Shadow database = a throwaway in-memory PGlite (no CREATEDB right or no server needed). */
export function useInMemoryShadow(factory) {
  factory.connectToShadowDb = async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    const shadow = new PGlite('memory://');
    await shadow.waitReady;
    const adapter = await new PrismaPGlite(shadow).connect();
    adapter.dispose = () => shadow.close();
    return runScriptsWhole(adapter, (s) => shadow.exec(s));
  };
  return factory;
}

// ------------------------------------------------------------------ migrations
/** The engine's view of a migrations folder (what the CLI sends as `migrationsList`). */
export function listMigrations(migrationsDir) {
  const baseDir = path.resolve(migrationsDir);
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const dirs = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((dir) => {
      let content;
      try {
        content = {
          tag: 'ok',
          value: fs.readFileSync(path.join(baseDir, dir, 'migration.sql'), 'utf8'),
        };
      } catch (error) {
        content = { tag: 'error', value: error.message };
      }
      return { path: dir, migrationFile: { path: 'migration.sql', content } };
    }),
  };
}

/** Opens the engine over an (unbound) migration-aware adapter factory. */
export async function openSchemaEngine(factory, { schemaFiles = [], log } = {}) {
  const glue = await loadSchemaEngine();
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  return glue.SchemaEngine.new(
    { datamodels: schemaFiles.length ? schemaFiles.map((f) => [f.path, f.content]) : undefined },
    log ?? (() => {}),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** `prisma migrate deploy` in-process. Closes the factory when done. */
export async function migrateDeploy(factory, migrationsDir) {
  const engine = await openSchemaEngine(factory);
  try {
    return await engine.applyMigrations({
      migrationsList: listMigrations(migrationsDir),
      filters: NO_FILTERS,
    });
  } finally {
    engine.free();
    clearEngineTimers();
    await factory.close?.();
  }
}
