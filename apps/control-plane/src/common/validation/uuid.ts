const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a reference that may be an id or a name is an id: where both are accepted (keys,
 * members, audit subjects), names never take a UUID's shape.
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
