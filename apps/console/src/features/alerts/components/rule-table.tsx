'use client';

import type { AlertingRule, Application } from '@podium/protocol/rest';
import { Suspense, useState } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { DataTable } from '../../../components/ui/data-table';
import { StatusBadge } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';
import { useDeleteAlertRule } from '../mutations';
import { describeParameters } from '../rule-text';
import { lazyComponent } from '../../../lib/lazy-component';

const EditRuleDialog = lazyComponent(() => import('./edit-rule-dialog'), 'EditRuleDialog');

const COLUMNS = ['Rule', 'Parameters', 'Receiver', 'Min. interval', 'State', 'Last fired'];

interface RuleTableProps {
  org: string;
  app: string;
  rules: readonly AlertingRule[];
  applications: Application[] | undefined;
  canEdit: boolean;
}

export function RuleTable({ org, app, rules, applications, canEdit }: RuleTableProps) {
  const remove = useDeleteAlertRule(org, app);
  const [editing, setEditing] = useState<AlertingRule | null>(null);
  const nameOf = (id: string) => applications?.find((a) => a.id === id)?.name ?? id;
  return (
    <>
      <DataTable
        columns={COLUMNS}
        actionsColumn={canEdit ? 'Actions' : undefined}
        scroll
        testId="alert-rule-table"
      >
        {rules.map((rule) => (
          <tr key={rule.id} data-testid="alert-rule" data-rule-type={rule.ruleType}>
            <td className="strong">{rule.ruleType}</td>
            <td className="mono small">{describeParameters(rule)}</td>
            <td className="mono">{nameOf(rule.receivingAppId)}</td>
            <td>{rule.minIntervalSecs === null ? 'none' : `${rule.minIntervalSecs} s`}</td>
            <td>
              <StatusBadge
                tone={rule.state === 'FIRING' ? 'bad' : 'ok'}
                status={rule.state}
                testId="alert-rule-state"
              />
            </td>
            <td>{rule.lastFiredAt ? <Timestamp value={rule.lastFiredAt} /> : 'never'}</td>
            {canEdit && (
              <td className="row-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setEditing(rule)}
                  aria-label={`Edit the ${rule.ruleType} rule`}
                >
                  Edit
                </button>
                <ConfirmButton
                  label="Delete"
                  ariaLabel={`Delete the ${rule.ruleType} rule`}
                  title={`Delete the ${rule.ruleType} rule?`}
                  confirmLabel="Delete rule"
                  tone="danger"
                  action={remove}
                  onConfirm={(close) => remove.mutate(rule.id, { onSuccess: close })}
                >
                  <p>It stops being evaluated; its past deliveries stay listed.</p>
                </ConfirmButton>
              </td>
            )}
          </tr>
        ))}
      </DataTable>
      {editing && (
        <Suspense>
          <EditRuleDialog org={org} app={app} rule={editing} onClose={() => setEditing(null)} />
        </Suspense>
      )}
    </>
  );
}
