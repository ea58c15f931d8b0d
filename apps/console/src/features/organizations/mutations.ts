'use client';

import type { CreateOrganizationRequest } from '@podium/protocol/rest';
import { useMutation, useQueryClient } from '../../lib/query';
import { sessionQueries } from '../session/queries';
import { createOrganization } from './api';
import { orgQueries } from './queries';

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationRequest) => createOrganization(body),
    // The user's organization list (and roles) lives in /users/me.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionQueries.all() }),
        queryClient.invalidateQueries({ queryKey: orgQueries.all() }),
      ]),
  });
}
