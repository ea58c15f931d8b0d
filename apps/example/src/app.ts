/** Builds the example app (used by `main.ts` and by the test): a Podium with its workflows. */
import { type Logger, Podium } from '@podium/sdk';
import type { ExampleConfig } from './config';
import {
  type Behaviour,
  DEFAULT_BEHAVIOUR,
  defineWorkflows,
  type ExampleWorkflows,
} from './workflows';

export interface ExampleApp {
  podium: Podium;
  workflows: ExampleWorkflows;
}

/** The example's schedule: schedule names are shared by every app of a database. */
export const reportSchedule = (appName: string): string => `${appName}-report-every-minute`;

export function createExampleApp(
  config: Omit<ExampleConfig, 'intervalMs' | 'timeScale' | 'debug'>,
  logger: Logger,
  behaviour: Behaviour = DEFAULT_BEHAVIOUR,
): ExampleApp {
  const podium = new Podium({
    appName: config.appName,
    ...config.database,
    logger,
    ...(config.conductorKey === undefined
      ? {}
      : {
          conductorKey: config.conductorKey,
          conductorUrl: config.conductorUrl,
          conductorExecutorMetadata: { app: '@podium/example', pid: process.pid },
        }),
  });
  const workflows = defineWorkflows(podium, behaviour);
  // One scheduledReport a minute, started by whichever process of the app fires the tick first.
  podium.schedule(reportSchedule(config.appName), '* * * * *', workflows.scheduledReport, {
    context: { report: 'orders' },
  });
  // Alerts raised in the control plane (DBOS Conductor's `alert`) arrive here.
  podium.onAlert(({ name, message, metadata }) =>
    logger.warn({ name, message, metadata }, 'alert from the control plane'),
  );
  return { podium, workflows };
}
