'use client';

import type { CreateJoinSecretRequest, CreateRoleRequest } from '@podium/protocol/rest';
import { useMutation, useQueryClient } from '../../lib/query';
import { apiKeyQueries } from '../api-keys/queries';
import { sessionQueries } from '../session/queries';
import {
  claimDomain,
  createJoinSecret,
  createRole,
  deleteRole,
  grantRole,
  joinOrganization,
  releaseDomainClaim,
  removeMember,
  revokeJoinSecret,
} from './api';
import { memberQueries } from './queries';

function useInvalidate(org: string) {
  const queryClient = useQueryClient();
  // Roles also live in /users/me (the user may have changed their own); removing or demoting a
  // member revokes API keys they created.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: memberQueries.all(org) }),
      queryClient.invalidateQueries({ queryKey: sessionQueries.all() }),
      queryClient.invalidateQueries({ queryKey: apiKeyQueries.all(org) }),
    ]);
}

export function useGrantRole(org: string) {
  const onSuccess = useInvalidate(org);
  return useMutation({
    mutationFn: ({ userId, roleName }: { userId: string; roleName: string }) =>
      grantRole(org, userId, roleName),
    onSuccess,
  });
}

export function useCreateRole(org: string) {
  const onSuccess = useInvalidate(org);
  return useMutation({ mutationFn: (body: CreateRoleRequest) => createRole(org, body), onSuccess });
}

export function useDeleteRole(org: string) {
  const onSuccess = useInvalidate(org);
  return useMutation({ mutationFn: (name: string) => deleteRole(org, name), onSuccess });
}

export function useRemoveMember(org: string) {
  const onSuccess = useInvalidate(org);
  return useMutation({ mutationFn: (userId: string) => removeMember(org, userId), onSuccess });
}

export function useCreateJoinSecret(org: string) {
  const invalidate = useInvalidate(org);
  return useMutation({
    mutationFn: (body: CreateJoinSecretRequest) => createJoinSecret(org, body),
    // Not awaited: the link is shown once, so as soon as it exists (waiting for the lists to
    // reload, a slow answer kept it from view, and a page left meanwhile lost it).
    onSuccess: () => void invalidate(),
  });
}

export function useRevokeJoinSecret(org: string) {
  const onSuccess = useInvalidate(org);
  return useMutation({ mutationFn: (id: string) => revokeJoinSecret(org, id), onSuccess });
}

/** Claims change no member, key or role: only the claims list is refetched. */
function useInvalidateDomainClaims(org: string) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({ queryKey: memberQueries.domainClaims(org).queryKey });
}

export function useClaimDomain(org: string) {
  const onSuccess = useInvalidateDomainClaims(org);
  return useMutation({ mutationFn: (domain: string) => claimDomain(org, domain), onSuccess });
}

export function useReleaseDomainClaim(org: string) {
  const onSuccess = useInvalidateDomainClaims(org);
  return useMutation({
    mutationFn: (domain: string) => releaseDomainClaim(org, domain),
    onSuccess,
  });
}

export function useJoinOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (secret: string) => joinOrganization(secret),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueries.all() }),
  });
}
