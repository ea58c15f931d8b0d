/**
 * Application versions (part of the engine), as in DBOS Transact ≥ 5: every version the
 * application has launched is recorded, the first launch of a version making it the latest;
 * an operator can make another one latest. The latest version is what scheduled runs are
 * enqueued under, and what runs workflows enqueued without a version; everything else keeps
 * running on the version that started it.
 */
import { InvalidOperationError } from '../errors';
import type { Logger } from '../logger';
import type { ExecutorScope, Storage } from './storage/storage';

/** A version the application has run. Times are epoch milliseconds. */
export interface ApplicationVersion {
  versionId: string;
  versionName: string;
  /** The highest is the latest. */
  versionTimestamp: number;
  createdAt: number;
}

export class ApplicationVersions {
  constructor(
    private readonly storage: Storage,
    private readonly scope: ExecutorScope,
    private readonly logger: Logger,
  ) {}

  /**
   * Records this process's version (at launch of a process that runs workflows), and warns if
   * it is not the latest.
   */
  async register(): Promise<void> {
    const { applicationName, applicationVersion } = this.scope;
    await this.storage.versions.registerVersion(applicationName, applicationVersion);
    const latest = await this.latest();
    if (latest.versionName !== applicationVersion) {
      this.logger.warn(
        { applicationVersion, latestVersion: latest.versionName },
        'this application version is not the latest: scheduled runs go to the latest',
      );
    }
  }

  /** Latest first. */
  list(): Promise<ApplicationVersion[]> {
    return this.storage.versions.listVersions(this.scope.applicationName);
  }

  async latest(): Promise<ApplicationVersion> {
    const [latest] = await this.list();
    // Only before any process that runs workflows has launched.
    if (latest === undefined) throw new InvalidOperationError('No application version is recorded');
    return latest;
  }

  /** Makes a recorded version the latest; false if the application never ran it. */
  setLatest(versionName: string): Promise<boolean> {
    return this.storage.versions.setLatestVersion(this.scope.applicationName, versionName);
  }
}
