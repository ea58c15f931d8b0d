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
  return { podium, workflows: defineWorkflows(podium, behaviour) };
}
