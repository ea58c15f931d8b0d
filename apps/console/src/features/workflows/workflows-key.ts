/**
 * The key under which every query about an application's workflows lives: invalidating it
 * refreshes them all. Its own module, so that pages which only invalidate workflows (any page
 * following the live executor stream) do not load the workflow list's filters and fetchers.
 */
export const workflowsKey = (org: string, app: string) => ['workflows', org, app] as const;
