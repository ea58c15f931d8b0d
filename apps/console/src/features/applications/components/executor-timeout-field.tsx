import { MAX_EXECUTOR_TIMEOUT_SECS, MIN_EXECUTOR_TIMEOUT_SECS } from '@podium/protocol/rest';
import { TextField } from '../../../components/ui/text-field';

interface ExecutorTimeoutFieldProps {
  value: string;
  onChange: (value: string) => void;
}

/** DBOS `executorTimeoutSecs`: how long a disconnected executor may stay away. */
export function ExecutorTimeoutField({ value, onChange }: ExecutorTimeoutFieldProps) {
  return (
    <TextField
      label="Executor timeout (seconds)"
      name="executorTimeoutSecs"
      type="number"
      inputMode="numeric"
      min={MIN_EXECUTOR_TIMEOUT_SECS}
      max={MAX_EXECUTOR_TIMEOUT_SECS}
      step={1}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      required
      hint="How long a disconnected executor may stay away before it is declared dead and a healthy one recovers its workflows."
    />
  );
}
