import type { QueueAutoscale, QueueOutput, RolloutPolicy } from '@podium/protocol';

export interface VersionSeen {
  readonly versionName: string;
  readonly latest: boolean;
}

export interface AutoscaleInputs {
  /** The application's versions, newest registered first. */
  readonly versions: readonly VersionSeen[];
  /** ENQUEUED + PENDING workflows of the policy's queue, per version. */
  readonly backlog: ReadonlyMap<string, number>;
  /** The queue's worker concurrency; null when the queue is gone or no longer scalable. */
  readonly workerConcurrency: number | null;
  readonly queueName: string;
  readonly rollout: RolloutPolicy | undefined;
  readonly observedAt: number;
}

/**
 * DBOS Conductor's recommendation: each reported version needs its backlog over the queue's
 * worker concurrency (rounded up), at least one executor; old versions are capped by the
 * rollout policy (a cap of 0 drains them). The latest version and then up to
 * `maxOldApplicationVersions` others, newest first.
 */
export function recommendExecutors(inputs: AutoscaleInputs): QueueAutoscale[] {
  const latest = inputs.versions.find((v) => v.latest) ?? inputs.versions[0];
  if (!latest) return [];
  const older = inputs.versions
    .filter((v) => v !== latest)
    .slice(0, inputs.rollout?.maxOldApplicationVersions ?? 0);
  return [latest, ...older].map((version) => {
    const queueDepth = inputs.backlog.get(version.versionName) ?? 0;
    const needed =
      inputs.workerConcurrency === null
        ? 1
        : Math.max(1, Math.ceil(queueDepth / inputs.workerConcurrency));
    const cap =
      version === latest ? undefined : inputs.rollout?.maxExecutorsForOldApplicationVersions;
    return {
      applicationVersion: version.versionName,
      isLatest: version === latest,
      desiredExecutors: cap === undefined ? needed : Math.min(needed, cap),
      queueDepth,
      observedAt: inputs.observedAt,
      ...(inputs.workerConcurrency !== null && { queueName: inputs.queueName }),
    };
  });
}

/** Why a queue cannot drive autoscaling (DBOS's rules), or null when it can. */
export function scalingRefusal(queue: QueueOutput | null): string | null {
  if (!queue) return 'does not exist';
  if (queue.partition_queue) return 'is partitioned';
  if (typeof queue.worker_concurrency !== 'number') return 'has no worker concurrency set';
  return null;
}
