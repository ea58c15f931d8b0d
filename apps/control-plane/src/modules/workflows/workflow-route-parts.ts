import { WorkflowPathSchema } from '@podium/protocol';

/** What every workflow route shares (workflows.routes.ts, workflow-history.routes.ts). */
const common = { tag: 'Workflows', viaExecutor: true } as const;

export const WORKFLOWS_PATH = '/v2/orgs/{org}/apps/{app}/workflows';
export const WORKFLOW_PATH = `${WORKFLOWS_PATH}/{workflowId}`;
export const READ_WORKFLOWS = { ...common, access: 'read' } as const;
export const OPERATE_WORKFLOWS = { ...common, access: 'operate' } as const;
export const WORKFLOW_PARAMS = WorkflowPathSchema;
