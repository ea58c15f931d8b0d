'use client';

import { keepPreviousData, useQuery } from '../../../lib/query';
import { useMemo, useState, type FormEvent } from 'react';
import { DataTable } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { appQueries } from '../../applications/queries';
import type { AuditFilters } from '../api';
import { auditQueries } from '../queries';
import { AuditRow } from './audit-row';

const PAGE = 50;
const COLUMNS = ['When', 'Operation', 'Who', 'Application', 'Target', 'Status', 'Details'];

/** Who did what to which target, when, and whether it worked. */
export function AuditLog({ org }: { org: string }) {
  const [filters, setFilters] = useState<AuditFilters>({
    operation: '',
    subject: '',
    status: '',
    limit: PAGE,
    offset: 0,
  });
  const [operation, setOperation] = useState('');
  const [subject, setSubject] = useState('');
  const log = useQuery({ ...auditQueries.list(org, filters), placeholderData: keepPreviousData });
  const apps = useQuery(appQueries.list(org));
  const appNames = useMemo(
    () => new Map((apps.data?.items ?? []).map((a) => [a.id, a.name])),
    [apps.data],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...filters, operation: operation.trim(), subject: subject.trim(), offset: 0 });
  };

  return (
    <Panel title="Audit log">
      <form className="form form-row" onSubmit={submit} aria-label="Filter audit log">
        <TextField
          label="Operation"
          value={operation}
          onChange={(e) => setOperation(e.target.value)}
          placeholder="e.g. workflow.cancel"
          className="compact"
        />
        <TextField
          label="Who"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          placeholder="email, key name or id"
          className="compact"
        />
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(e) =>
            setFilters({
              ...filters,
              status: e.target.value as AuditFilters['status'],
              offset: 0,
            })
          }
          className="compact"
        >
          <option value="">Any</option>
          <option value="success">Success</option>
          <option value="failure">Failure</option>
        </SelectField>
        <div className="form-actions">
          <button type="submit" className="btn btn-small">
            Apply
          </button>
        </div>
      </form>
      <QueryList
        items={log.data?.items}
        error={log.error}
        empty={<EmptyState title="Nothing recorded yet" />}
      >
        {(items) => (
          <DataTable columns={COLUMNS} dense scroll testId="audit-table">
            {items.map((entry) => (
              <AuditRow key={entry.id} org={org} entry={entry} appNames={appNames} />
            ))}
          </DataTable>
        )}
      </QueryList>
      <nav className="pagination" aria-label="Pages">
        <button
          type="button"
          className="btn btn-small"
          disabled={filters.offset === 0}
          onClick={() => setFilters({ ...filters, offset: Math.max(0, filters.offset - PAGE) })}
        >
          Newer
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={log.data?.nextOffset === undefined}
          onClick={() =>
            log.data?.nextOffset !== undefined &&
            setFilters({ ...filters, offset: log.data.nextOffset })
          }
        >
          Older
        </button>
      </nav>
    </Panel>
  );
}
