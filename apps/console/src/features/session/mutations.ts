'use client';

import type { CreateSessionRequest, RegisterUserRequest } from '@podium/protocol/rest';
import { useMutation, useQueryClient, type QueryClient } from '../../lib/query';
import { notifySessionChanged } from '../../lib/session-events';
import { registerUser, signIn, signOut } from './api';

/** Signs in; everything cached for a previous session is dropped. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSessionRequest) => signIn(body),
    onSuccess: () => forgetPreviousSession(queryClient),
  });
}

/** Signs up, then signs in with the same credentials: one step for the person at the form. */
export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RegisterUserRequest) => {
      await registerUser(body);
      return signIn({ email: body.email, password: body.password });
    },
    onSuccess: () => forgetPreviousSession(queryClient),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    // Whatever the answer, this tab forgets the session's data.
    onSettled: () => forgetPreviousSession(queryClient),
  });
}

/** The session started or ended: drop what was cached under the old one, have the header re-read. */
function forgetPreviousSession(queryClient: QueryClient): void {
  queryClient.removeQueries();
  notifySessionChanged();
}
