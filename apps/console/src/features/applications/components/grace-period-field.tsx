import {
  MAX_EXECUTOR_GRACE_PERIOD_SECONDS,
  MIN_EXECUTOR_GRACE_PERIOD_SECONDS,
} from '@podium/protocol/rest';
import { TextField } from '../../../components/ui/text-field';

interface GracePeriodFieldProps {
  value: string;
  onChange: (value: string) => void;
}

/** How long a disconnected executor may stay away before it is declared dead. */
export function GracePeriodField({ value, onChange }: GracePeriodFieldProps) {
  return (
    <TextField
      label="Executor grace period (seconds)"
      name="executorGracePeriodSeconds"
      type="number"
      inputMode="numeric"
      min={MIN_EXECUTOR_GRACE_PERIOD_SECONDS}
      max={MAX_EXECUTOR_GRACE_PERIOD_SECONDS}
      step={1}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      required
      hint="How long a disconnected executor may stay away before it is declared dead and a healthy one recovers its workflows."
    />
  );
}
