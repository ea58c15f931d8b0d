import type { Permission } from '@podium/protocol/rest';

/** What each DBOS permission allows, in the console's words (keys and roles forms). */
export const PERMISSION_HELP: Record<Permission, string> = {
  'organization.read': 'See the organization, its members, roles and audit log',
  'organization.write': 'Manage members, roles, join links and the organization',
  'application.read': 'Read applications, workflows, queues and schedules',
  'application.write': 'Change applications and act on workflows and schedules',
  'metric.read': 'Read metrics (/v1/metrics and per-application history)',
  'token.read': 'List API keys',
  'token.write': 'Create, rename and revoke API keys',
  'websocket.connect': 'Connect executors (for your app’s CONDUCTOR_KEY)',
};
