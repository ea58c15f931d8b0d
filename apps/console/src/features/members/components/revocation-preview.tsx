'use client';

import type { Member, RoleOutput } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { roleLabel } from '../../../lib/roles';
import { apiKeyQueries } from '../../api-keys/queries';
import { memberQueries } from '../queries';
import { revocationsFor } from '../revocations';

interface RevocationPreviewProps {
  org: string;
  member: Member;
  /** The role they are about to get; null: they are about to be removed (or leave). */
  newRole: RoleOutput | null;
}

/**
 * Before a member is removed or demoted: which of the API keys and join links they created will
 * be revoked, so an operator can make replacements first. Read fresh when the dialog opens.
 */
export function RevocationPreview({ org, member, newRole }: RevocationPreviewProps) {
  const keys = useQuery({ ...apiKeyQueries.list(org), staleTime: 0 });
  const secrets = useQuery({ ...memberQueries.joinSecrets(org), staleTime: 0 });
  const error = keys.error ?? secrets.error;
  if (error) return <ProblemAlert error={error} />;
  if (!keys.data || !secrets.data || keys.isFetching || secrets.isFetching) {
    return <p className="muted">Checking the API keys and join links they created…</p>;
  }
  const { apiKeys, joinSecrets } = revocationsFor(
    member.userId,
    newRole,
    keys.data.items,
    secrets.data.items,
  );
  const partial = keys.data.nextOffset !== undefined || secrets.data.nextOffset !== undefined;
  return (
    <div className="revocation-preview" data-testid="revocation-preview">
      <p data-testid="revoked-api-keys" data-count={apiKeys.length}>
        API keys of theirs to be revoked ({apiKeys.length}){apiKeys.length === 0 ? ': none.' : ':'}
      </p>
      {apiKeys.length > 0 && (
        <ul>
          {apiKeys.map((key) => (
            <li key={key.id}>
              {key.tokenName} <span className="mono">{key.prefix}…</span>
            </li>
          ))}
        </ul>
      )}
      <p data-testid="revoked-join-secrets" data-count={joinSecrets.length}>
        Join links of theirs to be revoked ({joinSecrets.length})
        {joinSecrets.length === 0 ? ': none.' : ':'}
      </p>
      {joinSecrets.length > 0 && (
        <ul>
          {joinSecrets.map((secret) => (
            <li key={secret.id}>
              <span className="mono">{secret.prefix}…</span> ({roleLabel(secret.role)})
            </li>
          ))}
        </ul>
      )}
      {apiKeys.length > 0 && (
        <p className="warning-text">
          Executors connected with these keys are disconnected at once: create replacement keys
          first.
        </p>
      )}
      {partial && <p className="muted">Only the newest keys and links were checked here.</p>}
    </div>
  );
}
