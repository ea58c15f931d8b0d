/** A workflow's page in the console. */
export function workflowHref(org: string, app: string, id: string): string {
  return `/orgs/${org}/apps/${app}/workflows/${encodeURIComponent(id)}`;
}
