// The child processes of `npm start` / `pnpm cluster` (scripts/run-podium.mjs): each one's output
// prefixed with its name, all stopped together (SIGTERM, then SIGKILL after 5 s) on Ctrl-C, on
// SIGTERM, when an essential one exits, or when our own parent dies.
import { spawn } from 'node:child_process';

/** `cwd`: where children run unless told otherwise. */
export function createSupervisor({ cwd: defaultCwd }) {
  const children = [];
  let stopping = false;

  /**
   * Starts `command <args>` (`node` when command is omitted) with its output prefixed
   * `[name] `. `onLine` sees each line; `onExit` runs when it exits on its own (not while
   * stopping).
   */
  function run(
    name,
    args,
    { command = process.execPath, env, cwd = defaultCwd, onLine = () => {}, onExit },
  ) {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = `[${name}] `;
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.on('data', (chunk) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop();
        for (const line of lines) {
          process.stdout.write(prefix + line + '\n');
          onLine(line);
        }
      });
    }
    child.on('error', (error) => {
      process.stdout.write(`${prefix}could not start: ${error.message}\n`);
    });
    child.on('exit', (code, signal) => {
      if (!stopping) onExit(prefix, code, signal);
    });
    children.push(child);
    return child;
  }

  function stop(exitCode) {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    const deadline = setTimeout(() => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    }, 5_000);
    Promise.all(
      children.map((c) =>
        c.exitCode === null && c.signalCode === null ? new Promise((r) => c.on('exit', r)) : null,
      ),
    )
      .then(() => {
        clearTimeout(deadline);
        process.exit(exitCode);
      })
      .catch(() => process.exit(exitCode));
  }

  /** An essential process: when it exits, everything stops. */
  const essential = (prefix, code, signal) => {
    process.stdout.write(`${prefix}exited (${signal ?? code}); stopping Podium\n`);
    stop(code || 1);
  };

  /** Resolves once `url` answers 2xx; throws after 120 s (unless we are stopping meanwhile). */
  async function waitFor(url, what) {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !stopping) {
      try {
        const res = await fetch(url);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (!stopping) throw new Error(`${what} did not answer at ${url} within 120 s`);
  }

  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  // npm runs us through `sh -c`; the scripts `exec` so that npm's SIGINT or SIGTERM reaches us.
  // Should our parent die anyway (killed outright), we are re-parented: stop rather than leave
  // an executor connected, an orphan nobody can Ctrl-C.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop(0);
  }, 1_000).unref();

  return { run, stop, essential, waitFor };
}
