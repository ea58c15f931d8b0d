import { listeningUrl, startControlPlane } from './bootstrap';
import { resolveLogFormat } from './common/logging/log-format';
import { createLogger } from './common/logging/logger';
import { ConfigError, loadConfig } from './config/config';

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger(
    config.logLevel,
    resolveLogFormat(config.logFormat, process.stdout.isTTY === true),
  );
  const app = await startControlPlane(config, logger);
  logger.info(
    { url: listeningUrl(app), database: config.database.kind },
    'control plane listening',
  );
}

main().catch((error: unknown) => {
  // Before the logger exists (bad config) stderr is all there is.
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
