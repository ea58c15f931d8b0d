/**
 * `podium.versions`: the versions of this application its database has seen, and which is
 * latest (what scheduled runs are enqueued under). Every method needs a launched Podium and
 * rejects with `NotLaunchedError` otherwise.
 */
import type { Engine } from './engine/engine';
import type { ApplicationVersion } from './engine/versions';
import { InvalidOperationError } from './errors';

export class PodiumVersions {
  /** @param engine the launched engine, or a `NotLaunchedError` thrown */
  constructor(private readonly engine: (operation: string) => Engine) {}

  /** Every version launched with this application's name, latest first. */
  async list(): Promise<ApplicationVersion[]> {
    return this.engine('versions.list').versions.list();
  }

  /** The latest version: the newest launched, unless another was made latest since. */
  async latest(): Promise<ApplicationVersion> {
    return this.engine('versions.latest').versions.latest();
  }

  /**
   * Makes a version the latest. Throws `InvalidOperationError` if no process of this
   * application has launched with it.
   */
  async setLatest(versionName: string): Promise<void> {
    if (!(await this.engine('versions.setLatest').versions.setLatest(versionName))) {
      throw new InvalidOperationError(`Application version "${versionName}" was never launched`);
    }
  }
}
