// Journeys on the example app: an owner signs up, creates organization `acme` and application
// `shop`, makes an executor key for it in the console, and starts the example app
// (@podium/sdk) with it; the journey goes on from the workflows list once the executor is live
// there and shows the workflows it waits for.
import { afterAll, beforeAll } from 'vitest';
import { owner } from './accounts';
import { createExecutorKey, createOrganization, signUp } from './console-actions';
import { useConsoleSession, type ConsoleSession } from './console-session';
import { assertExampleBuilt, startExampleExecutor, type ExampleExecutor } from './example-executor';

/** The example starts an embedded database first: slow on a loaded machine. */
const EXECUTOR_LIVE_TIMEOUT_MS = 90_000;
/**
 * Long enough for signing up, the key and the example's start on a loaded machine, and the few
 * 20 s waits a test takes after it: a hang guard above the sum of the waits it guards.
 */
export const CONNECT_STEP_TIMEOUT_MS = 240_000;

const WORKFLOWS_PATH = '/orgs/acme/apps/shop/workflows';

export interface ExampleAppJourney {
  /** The console session (after `beforeAll`). */
  readonly session: () => ConsoleSession;
  /**
   * Connects the example, run with `env` (apps/example/src/config.ts), and waits until the list
   * shows a workflow of each name in `showing`. The example stops after the file's tests.
   */
  readonly connect: (env: Record<string, string>, showing: readonly string[]) => Promise<void>;
}

/** The hooks of a journey file on the example app (a console session, the example stopped). */
export function useExampleAppJourney(): ExampleAppJourney {
  const session = useConsoleSession();
  let example: ExampleExecutor | undefined;
  beforeAll(() => assertExampleBuilt());
  afterAll(async () => {
    await example?.stop();
  });
  return {
    session,
    connect: async (env, showing) => {
      const { page, consoleUrl } = session();
      await signUp(page, consoleUrl, owner);
      await createOrganization(page, consoleUrl, 'acme');
      await page.getByLabel('Application name').fill('shop');
      await page.getByRole('button', { name: 'Create application' }).click();
      await page.waitForURL(`${consoleUrl}${WORKFLOWS_PATH}`);
      const connect = await createExecutorKey(page, consoleUrl, {
        org: 'acme',
        name: 'shop executors',
        app: 'shop',
      });
      example = startExampleExecutor({ ...connect, appName: 'shop', env });
      await page.goto(`${consoleUrl}${WORKFLOWS_PATH}`);
      await page
        .getByTestId('live-executors')
        .and(page.locator('[data-count="1"]'))
        .waitFor({ timeout: EXECUTOR_LIVE_TIMEOUT_MS });
      for (const name of showing) {
        await page
          .locator(`[data-testid="workflow-row"][data-workflow-name="${name}"]`)
          .first()
          .waitFor();
      }
    },
  };
}
