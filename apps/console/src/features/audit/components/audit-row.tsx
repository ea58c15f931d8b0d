import type { AuditLogEntry } from '@podium/protocol/rest';
import { Link } from '../../../components/ui/link';
import { CopyableId } from '../../../components/ui/copyable-id';
import { StatusBadge } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';
import {
  auditApplication,
  auditTargetHref,
  readableDetails,
  type AppNames,
} from '../audit-targets';

interface AuditRowProps {
  org: string;
  entry: AuditLogEntry;
  appNames: AppNames;
}

/** One audit entry: its target linked to its page, its details folded to one line. */
export function AuditRow({ org, entry, appNames }: AuditRowProps) {
  const details = readableDetails(entry.details, appNames);
  const href = auditTargetHref(org, entry, appNames);
  const app = auditApplication(entry, appNames);
  return (
    <tr data-testid="audit-row" data-operation={entry.operation}>
      <td>
        <Timestamp value={entry.emitTime} />
      </td>
      <td className="mono">{entry.operation}</td>
      <td className="clip-cell">
        {entry.subject
          ? `${entry.subject.display || entry.subject.id}${entry.subject.type === 'api_key' ? ' (API key)' : ''}`
          : 'control plane'}
        {entry.sourceIp && <span className="small muted-inline"> from {entry.sourceIp}</span>}
      </td>
      <td className="mono" data-testid="audit-application">
        {app ?? '—'}
      </td>
      <td data-testid="audit-target">
        <span className="small muted-inline">{entry.target.type.replace('_', ' ')} </span>
        {entry.target.id ? (
          <CopyableId
            value={entry.target.id}
            kind={`${entry.target.type.replace('_', ' ')} ID`}
            href={href ?? undefined}
            shortTo={16}
          />
        ) : (
          href && <Link href={href}>open</Link>
        )}
      </td>
      <td>
        <StatusBadge tone={entry.status === 'success' ? 'ok' : 'bad'} status={entry.status} />
      </td>
      <td className="details-cell">
        {Object.keys(details).length === 0 ? (
          <span className="muted-inline">—</span>
        ) : (
          <details data-testid="audit-details">
            <summary className="mono small">{JSON.stringify(details)}</summary>
            <pre className="value">{JSON.stringify(details, null, 2)}</pre>
          </details>
        )}
      </td>
    </tr>
  );
}
