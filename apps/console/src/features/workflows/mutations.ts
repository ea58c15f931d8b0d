'use client';

import type { ForkWorkflowRequest } from '@podium/protocol/rest';
import { useMutation, useQueryClient } from '../../lib/query';
import {
  cancelWorkflow,
  deleteWorkflow,
  forkWorkflow,
  restartWorkflow,
  resumeWorkflow,
  rewindWorkflow,
} from './api';
import { workflowQueries } from './queries';

/** Every action changes what the app's lists and pages show: ask again afterwards. */
export function useInvalidateWorkflows(org: string, app: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: workflowQueries.all(org, app) });
}

export function useCancelWorkflow(org: string, app: string) {
  const onSettled = useInvalidateWorkflows(org, app);
  return useMutation({ mutationFn: (id: string) => cancelWorkflow(org, app, id), onSettled });
}

export function useResumeWorkflow(org: string, app: string) {
  const onSettled = useInvalidateWorkflows(org, app);
  return useMutation({ mutationFn: (id: string) => resumeWorkflow(org, app, id), onSettled });
}

export function useForkWorkflow(org: string, app: string) {
  const onSettled = useInvalidateWorkflows(org, app);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ForkWorkflowRequest }) =>
      forkWorkflow(org, app, id, body),
    onSettled,
  });
}

export function useRestartWorkflow(org: string, app: string) {
  const onSettled = useInvalidateWorkflows(org, app);
  return useMutation({ mutationFn: (id: string) => restartWorkflow(org, app, id), onSettled });
}

export function useRewindWorkflow(org: string, app: string) {
  const onSettled = useInvalidateWorkflows(org, app);
  return useMutation({ mutationFn: (id: string) => rewindWorkflow(org, app, id), onSettled });
}

/**
 * `onDeleted` runs before the refresh, here rather than in `mutate()`'s options: the refreshed
 * page finds the workflow gone and unmounts whatever asked, whose callbacks would then be lost.
 */
export function useDeleteWorkflow(org: string, app: string, onDeleted: () => void) {
  const onSettled = useInvalidateWorkflows(org, app);
  return useMutation({
    mutationFn: ({ id, deleteChildren }: { id: string; deleteChildren: boolean }) =>
      deleteWorkflow(org, app, id, deleteChildren),
    onSuccess: onDeleted,
    onSettled,
  });
}
