/**
 * What this version's replicas understand that older ones do not. Each replica's row lists them
 * (ReplicasRepository), so during a rolling upgrade a change that older replicas could not read
 * waits until none of them is live.
 */
export const REPLICA_CAPABILITIES = [
  /** Reads webhook URLs sealed at rest (WebhookSecretBox.openUrl). */
  'sealed-webhook-urls',
] as const;
export type ReplicaCapability = (typeof REPLICA_CAPABILITIES)[number];
