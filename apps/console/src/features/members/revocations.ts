import {
  canCreateApiKey,
  canCreateJoinSecret,
  isRoleWithin,
  type ApiKey,
  type JoinSecret,
  type RoleOutput,
} from '@podium/protocol/rest';
import { keyStatus } from '../api-keys/key-status';
import { isJoinSecretUsable } from './join-secret-status';

export interface Revocations {
  apiKeys: ApiKey[];
  joinSecrets: JoinSecret[];
}

/**
 * What the control plane revokes when member `userId` is removed (`newRole` null) or given
 * `newRole`: the live keys and join secrets they created and could no longer create (the
 * protocol's rule, so the preview and the control plane agree).
 */
export function revocationsFor(
  userId: string,
  newRole: RoleOutput | null,
  keys: readonly ApiKey[],
  secrets: readonly JoinSecret[],
  now: number = Date.now(),
): Revocations {
  return {
    apiKeys: keys.filter(
      (key) =>
        key.createdById === userId &&
        keyStatus(key, now) === 'active' &&
        !canCreateApiKey(newRole, key.permissions),
    ),
    joinSecrets: secrets.filter(
      (secret) =>
        secret.createdById === userId &&
        isJoinSecretUsable(secret, now) &&
        !canCreateJoinSecret(newRole, secret.role),
    ),
  };
}

/** A role change that takes something away (confirmed first, with what it revokes). */
export function isDemotion(from: RoleOutput, to: RoleOutput): boolean {
  return !isRoleWithin(from, to);
}
