import { WorkflowPathSchema } from '@podium/protocol';

const common = { tag: 'Workflows', viaExecutor: true } as const;
const base = '/v2/orgs/{org}/apps/{app}/workflows';

/** What every workflow route shares (workflows.routes.ts, workflow-history.routes.ts). */
export const WORKFLOW_ROUTE_PARTS = {
  base,
  one: `${base}/{workflowId}`,
  read: { ...common, access: 'read' },
  operate: { ...common, access: 'operate' },
  params: WorkflowPathSchema,
} as const;
