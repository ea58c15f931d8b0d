'use client';

import type { ForkWorkflowRequest } from '@podium/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { bulkWorkflowAction, cancelWorkflow, forkWorkflow, resumeWorkflow } from './api';
import { workflowQueries } from './queries';

/** Every action changes what the app's lists and pages show: ask again afterwards. */
function useInvalidateWorkflows(org: string, app: string) {
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

export function useBulkWorkflowAction(org: string, app: string) {
  const onSettled = useInvalidateWorkflows(org, app);
  return useMutation({
    mutationFn: ({ action, ids }: { action: 'cancel' | 'resume'; ids: string[] }) =>
      bulkWorkflowAction(org, app, action, ids),
    onSettled,
  });
}
