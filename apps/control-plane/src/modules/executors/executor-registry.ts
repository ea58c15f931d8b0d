import { Injectable } from '@nestjs/common';
import type { ExecutorLink } from './links/executor-link';

/** What an executor said about itself in executor_info. */
export interface ExecutorIdentity {
  readonly executorId: string;
  readonly applicationVersion: string;
  readonly hostname: string | null;
  /** Null (both) from an executor too old to say: DBOS SDKs before late 2025. */
  readonly language: string | null;
  readonly sdkVersion: string | null;
  readonly metadata: Record<string, unknown> | null;
}

export interface LiveExecutor {
  readonly link: ExecutorLink;
  readonly identity: ExecutorIdentity;
}

/**
 * The links this process holds, by application. In memory: a link lives in one process.
 *
 * It also remembers when each application last lost a link here: a link leaves the registry as
 * it closes, before its disconnection is recorded, and whoever counts links in between must not
 * read the silence as having started at the previous recorded disconnection.
 */
@Injectable()
export class ExecutorRegistry {
  private readonly byApplication = new Map<string, Map<string, LiveExecutor>>();
  private readonly lastRemovals = new Map<string, Date>();

  add(executor: LiveExecutor): void {
    const { applicationId } = executor.link.context;
    let links = this.byApplication.get(applicationId);
    if (!links) {
      links = new Map<string, LiveExecutor>();
      this.byApplication.set(applicationId, links);
    }
    links.set(executor.link.id, executor);
  }

  /** Forgets a link that closed `at`. */
  remove(link: ExecutorLink, at: Date): void {
    const { applicationId } = link.context;
    const links = this.byApplication.get(applicationId);
    if (!links?.delete(link.id)) return;
    if (links.size === 0) this.byApplication.delete(applicationId);
    const previous = this.lastRemovals.get(applicationId);
    if (!previous || previous < at) this.lastRemovals.set(applicationId, at);
  }

  /** When a link of the application last closed here (null: none since this process started). */
  lastRemovedAt(applicationId: string): Date | null {
    return this.lastRemovals.get(applicationId) ?? null;
  }

  /** Connected executors of an application, newest link first. */
  forApplication(applicationId: string): LiveExecutor[] {
    const links = [...(this.byApplication.get(applicationId)?.values() ?? [])];
    return links.sort((a, b) => b.link.openedAt.getTime() - a.link.openedAt.getTime());
  }

  /** Whether this process holds a link of that executor id (open or closing). */
  isLinked(applicationId: string, executorId: string): boolean {
    return this.forApplication(applicationId).some((e) => e.identity.executorId === executorId);
  }

  /** The newest open link of that executor held here (commands routed from other replicas). */
  findOpen(applicationId: string, executorId: string): LiveExecutor | undefined {
    return this.forApplication(applicationId).find(
      (e) => e.link.isOpen && e.identity.executorId === executorId,
    );
  }

  /** Whether an open link of that application is held here. */
  hasOpenLink(applicationId: string): boolean {
    return this.forApplication(applicationId).some((e) => e.link.isOpen);
  }

  /** Whether an open link of that application version is held here. */
  hasOpenVersion(applicationId: string, applicationVersion: string): boolean {
    return this.forApplication(applicationId).some(
      (e) => e.link.isOpen && e.identity.applicationVersion === applicationVersion,
    );
  }

  /** Every link this process holds. */
  all(): LiveExecutor[] {
    return [...this.byApplication.values()].flatMap((links) => [...links.values()]);
  }

  get size(): number {
    let count = 0;
    for (const links of this.byApplication.values()) count += links.size;
    return count;
  }
}
