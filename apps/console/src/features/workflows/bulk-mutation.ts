'use client';

import { useMutation } from '../../lib/query';
import type { BulkAction } from './bulk-summary';
import { bulkWorkflowAction } from './list-api';
import { useInvalidateWorkflows } from './mutations';

export function useBulkWorkflowAction(org: string, app: string) {
  const onSettled = useInvalidateWorkflows(org, app);
  return useMutation({
    mutationFn: ({
      action,
      ids,
      withChildren,
    }: {
      action: BulkAction;
      ids: string[];
      withChildren?: boolean;
    }) => bulkWorkflowAction(org, app, action, ids, withChildren),
    onSettled,
  });
}
