import { appPath } from '../applications/api';

// The control plane's paths for an application's workflows.
export const workflowsPath = (org: string, app: string) => `${appPath(org, app)}/workflows`;
export const workflowPath = (org: string, app: string, id: string) =>
  `${workflowsPath(org, app)}/${encodeURIComponent(id)}`;
