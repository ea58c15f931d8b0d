import { Injectable } from '@nestjs/common';
import type { ExecutorLink } from './links/executor-link';

/** What an executor said about itself in executor_info. */
export interface ExecutorIdentity {
  readonly executorId: string;
  readonly applicationVersion: string;
  readonly hostname: string | null;
  readonly language: string;
  readonly sdkVersion: string;
  readonly metadata: Record<string, unknown> | null;
}

export interface LiveExecutor {
  readonly link: ExecutorLink;
  readonly identity: ExecutorIdentity;
}

/** The links this process holds, by application. In memory: a link lives in one process. */
@Injectable()
export class ExecutorRegistry {
  private readonly byApplication = new Map<string, Map<string, LiveExecutor>>();

  add(executor: LiveExecutor): void {
    const { applicationId } = executor.link.context;
    let links = this.byApplication.get(applicationId);
    if (!links) {
      links = new Map<string, LiveExecutor>();
      this.byApplication.set(applicationId, links);
    }
    links.set(executor.link.id, executor);
  }

  remove(link: ExecutorLink): void {
    const links = this.byApplication.get(link.context.applicationId);
    links?.delete(link.id);
    if (links?.size === 0) this.byApplication.delete(link.context.applicationId);
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
