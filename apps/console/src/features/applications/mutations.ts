'use client';

import type { CreateApplicationRequest, UpdateApplicationRequest } from '@podium/protocol/rest';
import { useMutation, useQueryClient } from '../../lib/query';
import { apiKeyQueries } from '../api-keys/queries';
import { createApplication, deleteApplication, updateApplication } from './api';
import { appQueries } from './queries';

export function useCreateApplication(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApplicationRequest) => createApplication(org, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appQueries.all(org) }),
  });
}

export function useUpdateApplication(org: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateApplicationRequest) => updateApplication(org, app, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appQueries.all(org) }),
  });
}

export function useDeleteApplication(org: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteApplication(org, app),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: appQueries.detail(org, app).queryKey });
      // The control plane revoked the keys scoped to it alone: the list held would show them
      // active until it went stale.
      queryClient.removeQueries({ queryKey: apiKeyQueries.all(org) });
      return queryClient.invalidateQueries({ queryKey: appQueries.list(org).queryKey });
    },
  });
}
