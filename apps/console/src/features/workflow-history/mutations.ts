'use client';

import type { ImportWorkflowRequest } from '@podium/protocol/rest';
import { useMutation, useQueryClient } from '../../lib/query';
import { workflowsKey } from '../workflows/workflows-key';
import { importWorkflow } from './api';

export interface ImportTarget {
  org: string;
  app: string;
}

/** Imports into the app chosen at the time (this one or another), refreshing its workflows. */
export function useImportWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ target, body }: { target: ImportTarget; body: ImportWorkflowRequest }) =>
      importWorkflow(target.org, target.app, body),
    onSettled: (_data, _error, { target }) =>
      queryClient.invalidateQueries({ queryKey: workflowsKey(target.org, target.app) }),
  });
}
