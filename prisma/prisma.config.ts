import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's native schema engine cannot be downloaded here (npm registry only).
// Point the CLI at our stand-in, which runs the wasm build of the same engine,
// so every stock `prisma` command works offline. See prisma/engine/README.md.
// (`||`, not `??`: the CLI treats an exported but empty variable as unset.)
const shim = path.join(__dirname, 'engine', 'schema-engine-shim.mjs');
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  fs.chmodSync(shim, 0o755); // a checkout may have dropped the exec bit
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = shim;
}

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: {
    url: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/podium',
  },
});
