import { PERMISSIONS, type Permission } from '@podium/protocol/rest';
import { PERMISSION_HELP } from '../../lib/permissions';
import { toggled } from '../../lib/toggled';

interface PermissionChecklistProps {
  selected: readonly Permission[];
  onChange: (next: Permission[]) => void;
}

/** DBOS's permissions as checkboxes, each with what it allows (roles and API keys). */
export function PermissionChecklist({ selected, onChange }: PermissionChecklistProps) {
  return (
    <fieldset className="checkbox-group">
      <legend>Permissions</legend>
      {PERMISSIONS.map((permission) => (
        <label key={permission} className="checkbox">
          <input
            type="checkbox"
            checked={selected.includes(permission)}
            onChange={() => onChange(toggled(selected, permission))}
          />
          <span className="mono">{permission}</span>
          <span className="muted-inline">{PERMISSION_HELP[permission]}</span>
        </label>
      ))}
    </fieldset>
  );
}
