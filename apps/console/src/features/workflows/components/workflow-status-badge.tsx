import { StatusBadge } from '../../../components/ui/status-badge';
import { statusTone } from '../status-tone';

export function WorkflowStatusBadge({
  status,
  testId,
}: {
  status: string | null;
  testId?: string;
}) {
  return <StatusBadge tone={statusTone(status)} status={status ?? 'UNKNOWN'} testId={testId} />;
}
