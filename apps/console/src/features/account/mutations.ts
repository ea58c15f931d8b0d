'use client';

import type { ChangePasswordRequest } from '@podium/protocol/rest';
import { useMutation, useQueryClient } from '../../lib/query';
import { changePassword, endSession } from './api';
import { accountQueries } from './queries';

function useInvalidateSessions() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: accountQueries.sessions().queryKey });
}

export function useEndSession() {
  const invalidate = useInvalidateSessions();
  return useMutation({ mutationFn: (id: string) => endSession(id), onSuccess: invalidate });
}

/** The other sessions end with it, so the list is read again. */
export function useChangePassword() {
  const invalidate = useInvalidateSessions();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => changePassword(body),
    onSuccess: invalidate,
  });
}
