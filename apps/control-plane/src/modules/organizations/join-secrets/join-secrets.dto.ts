import type { CreateJoinSecretResponse, JoinSecret } from '@podium/protocol';
import type { JoinSecretRecord } from './join-secrets.repository';

export function mapJoinSecret(secret: JoinSecretRecord): JoinSecret {
  return {
    id: secret.id,
    prefix: secret.prefix,
    role: secret.role,
    expiresAt: secret.expiresAt.toISOString(),
    maxUses: secret.maxUses,
    uses: secret.uses,
    revokedAt: secret.revokedAt?.toISOString() ?? null,
    createdAt: secret.createdAt.toISOString(),
    createdById: secret.createdById,
  };
}

/** The one response that carries the secret itself. */
export function mapCreatedJoinSecret(
  record: JoinSecretRecord,
  secret: string,
): CreateJoinSecretResponse {
  return { ...mapJoinSecret(record), secret };
}
