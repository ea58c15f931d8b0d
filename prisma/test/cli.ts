import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const packageDir = path.resolve(__dirname, '..');
const prismaCli = require.resolve('prisma/build/index.js', { paths: [packageDir] });

export interface CliResult {
  status: number | null;
  output: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, args, {
    cwd: packageDir,
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', ...env },
    encoding: 'utf8',
    timeout: 280_000, // below the test timeout, so a hang reports the CLI's output
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The stock Prisma CLI, as a developer runs it (`pnpm prisma ...`). */
export const prisma = (args: string[], env?: NodeJS.ProcessEnv) => run([prismaCli, ...args], env);

/** Our wasm-engine CLI for what the stock CLI cannot do offline without a server. */
export const prismaWasm = (args: string[]) =>
  run([path.join('engine', 'prisma-wasm.mjs'), ...args]);
