/**
 * A launched app connected to a fake conductor, past the `executor_info` handshake: what the
 * agent suites start from. `define` registers the app's workflows and queues.
 */
import type { Podium, PodiumOptions } from '../../src';
import type { ConductorLink, FakeConductor } from './fake-conductor';
import type { Harness } from './harness';
import { uniqueName } from './util';

export async function connectApp<W extends object>(
  harness: Harness,
  conductor: FakeConductor,
  define: (podium: Podium) => W,
  options: Partial<PodiumOptions> = {},
): Promise<{ podium: Podium; link: ConductorLink; appName: string } & W> {
  const appName = uniqueName('app');
  const podium = harness.podium({
    appName,
    conductorKey: 'key-123',
    conductorUrl: conductor.url,
    ...options,
  });
  const workflows = define(podium);
  const linked = conductor.nextLink();
  await podium.launch();
  const link = await linked;
  await link.request('executor_info');
  return { podium, link, appName, ...workflows };
}
