/**
 * An API key's application scope: the applications it is limited to, empty for every application
 * of its organization. One rule for the guard, key management and alert receivers alike.
 */

/** Whether the scope (empty: every application) includes the application. */
export function scopeIncludes(scope: readonly string[], applicationId: string): boolean {
  return scope.length === 0 || scope.includes(applicationId);
}
