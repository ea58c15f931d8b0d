/** A replica's lease as read from the replicas table (`ReplicasRepository.findLeases`). */
export interface LeaseRow {
  readonly id: string;
  readonly startedAt: Date;
  readonly leaseUntil: Date;
  /** Time left on the lease by the database's clock; zero or less: it passed. */
  readonly remainingMs: number;
}

/** What one replica makes of every lease (a pure function of the table, so tested alone). */
export interface LeaseView {
  /** Other replicas whose lease passed: their executors are to be adopted. */
  readonly expired: readonly LeaseRow[];
  /**
   * The replica that runs the deployment's recovery sweeps and deadline timers: the one that
   * started first among those whose lease holds (ties by id). Null when none holds one.
   */
  readonly coordinatorId: string | null;
  /** When the next other live lease would pass if not renewed (ms from now), if any. */
  readonly nextExpiryMs: number | null;
}

export function viewLeases(rows: readonly LeaseRow[], selfId: string): LeaseView {
  const live = rows.filter((row) => row.remainingMs > 0);
  const others = live.filter((row) => row.id !== selfId);
  const [coordinator] = [...live].sort(
    (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id),
  );
  return {
    expired: rows.filter((row) => row.remainingMs <= 0 && row.id !== selfId),
    coordinatorId: coordinator?.id ?? null,
    nextExpiryMs: others.length > 0 ? Math.min(...others.map((row) => row.remainingMs)) : null,
  };
}
