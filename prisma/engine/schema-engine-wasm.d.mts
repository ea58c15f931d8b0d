// Types for the parts of schema-engine-wasm.mjs that TypeScript code calls.
export interface MigrationAdapterFactory {
  close?(): Promise<void>;
}
/** A data dir, `memory://`, or an open PGlite instance. */
export function pgliteFactory(
  dataDirOrInstance: string | { waitReady: Promise<void> },
): Promise<MigrationAdapterFactory>;
export function pgFactory(url: string): Promise<MigrationAdapterFactory>;
export function migrateDeploy(
  factory: MigrationAdapterFactory,
  migrationsDir: string,
): Promise<{ appliedMigrationNames: string[] }>;
