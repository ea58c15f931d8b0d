'use client';

import type { CreateApiKeyRequest } from '@podium/protocol/rest';
import { useMutation, useQueryClient } from '../../lib/query';
import { createApiKey, renameApiKey, revokeApiKey } from './api';
import { apiKeyQueries } from './queries';

function useInvalidateKeys(org: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: apiKeyQueries.all(org) });
}

export function useCreateApiKey(org: string) {
  const invalidate = useInvalidateKeys(org);
  return useMutation({
    mutationFn: (body: CreateApiKeyRequest) => createApiKey(org, body),
    // Not awaited: the secret is shown once, so as soon as it exists (waiting for the list to
    // reload, a slow answer kept it from view, and a page left meanwhile lost it).
    onSuccess: () => void invalidate(),
  });
}

export function useRenameApiKey(org: string) {
  const invalidate = useInvalidateKeys(org);
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => renameApiKey(org, id, name),
    onSuccess: invalidate,
  });
}

export function useRevokeApiKey(org: string) {
  const invalidate = useInvalidateKeys(org);
  return useMutation({
    mutationFn: (id: string) => revokeApiKey(org, id),
    onSuccess: invalidate,
  });
}
