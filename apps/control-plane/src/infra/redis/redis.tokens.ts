/** Injection token for the replica's Redis connections; null when this process runs alone. */
export const REDIS = Symbol('Redis');
