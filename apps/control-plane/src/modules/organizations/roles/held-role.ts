import { builtInRole, type Role, type RoleOutput } from '@podium/protocol';
import { knownPermissions } from '../../../common/auth/route-permission';

/** What a membership query selects to know the member's one role (see `heldRoleOf`). */
export const HELD_ROLE_SELECT = {
  role: true,
  customRole: { select: { name: true, permissions: true } },
} as const;

/** A membership row's role: its built-in one, or its custom one (exactly one is set). */
export function heldRoleOf(row: {
  role: Role | null;
  customRole: { name: string; permissions: string[] } | null;
}): RoleOutput {
  if (row.role) return builtInRole(row.role);
  const custom = row.customRole ?? { name: '', permissions: [] };
  return { name: custom.name, permissions: knownPermissions(custom.permissions), isGlobal: false };
}
