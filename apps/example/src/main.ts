/**
 * `node dist/main.js`: runs the example app until SIGINT or SIGTERM. Configuration comes from
 * the environment (see config.ts); with CONDUCTOR_KEY it also connects to a Podium control
 * plane, where its workflows show up live.
 */
import { createExampleApp } from './app';
import { loadConfig } from './config';
import { consoleLogger } from './log';
import { startTraffic } from './traffic';
import { DEFAULT_BEHAVIOUR, scaleBehaviour } from './workflows';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = consoleLogger({ debug: config.debug });
  const { podium, workflows } = createExampleApp(
    config,
    logger,
    scaleBehaviour(DEFAULT_BEHAVIOUR, config.timeScale),
  );
  await podium.launch();
  logger.info(
    {
      app: config.appName,
      database: 'databaseUrl' in config.database ? 'postgresql' : config.database.dataDir,
      conductor:
        config.conductorKey === undefined ? 'off (set CONDUCTOR_KEY)' : config.conductorUrl,
      executorId: podium.executorId,
      version: podium.applicationVersion,
    },
    'example app running; Ctrl-C to stop',
  );
  const traffic = startTraffic(podium, workflows, {
    intervalMs: config.intervalMs,
    logger,
    decisionDelayMs: 3_000 * config.timeScale,
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Exit by emptying the event loop, so buffered log lines still reach a piped stdout; the
    // unref'd timer only fires if something keeps the loop alive.
    const exit = (code: number) => {
      process.exitCode = code;
      setTimeout(() => process.exit(code), 5_000).unref();
    };
    // Starts in flight settle first, so the shutdown interrupts every workflow it has to.
    traffic
      .stop()
      .then(() => podium.shutdown())
      .then(
        () => exit(0),
        (error: unknown) => {
          logger.error({ err: String(error) }, 'shutdown failed');
          exit(1);
        },
      );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `example app failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
