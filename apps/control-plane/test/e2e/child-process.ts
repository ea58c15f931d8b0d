import { type ChildProcess, spawn } from 'node:child_process';

/** A process (mostly a Node.js script) run by an end-to-end test, its output kept. */
export interface NodeProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /**
   * The first match of `pattern` in its output, once there is one. Rejects, with the output,
   * if it exits first or `timeoutMs` passes.
   */
  waitForOutput(pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL after 10 s; resolves with its exit code once it exited. */
  stop(): Promise<number | null>;
}

/** Runs `node <script>` with exactly `env`; `ipc`: with a channel for `child.send`. */
export function startNodeProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  { ipc = false }: { ipc?: boolean } = {},
): NodeProcess {
  return startProcess(process.execPath, [script], env, ipc);
}

/** Runs `command <args>` with exactly `env`. */
export function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ipc = false,
): NodeProcess {
  const child = spawn(command, args, {
    env,
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  return {
    child,
    output: () => output,
    waitForOutput(pattern, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`${what}: not within ${timeoutMs} ms:\n${output}`)),
          timeoutMs,
        );
        const onData = () => {
          const match = pattern.exec(output);
          if (match) finish(match);
        };
        const onExit = (code: number | null) =>
          finish(new Error(`${what}: the process exited (${code}) first:\n${output}`));
        const finish = (result: RegExpExecArray | Error) => {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stderr?.off('data', onData);
          child.off('exit', onExit);
          if (result instanceof Error) reject(result);
          else resolve(result);
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', onExit);
        if (child.exitCode !== null) onExit(child.exitCode);
        else onData();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        kill.unref();
        await exited;
        clearTimeout(kill);
      }
      return child.exitCode;
    },
  };
}
