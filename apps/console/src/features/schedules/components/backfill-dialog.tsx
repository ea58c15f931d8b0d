'use client';

import type { Schedule } from '@podium/protocol/rest';
import { useMemo, useState } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { TextField } from '../../../components/ui/text-field';
import { useTimeZone } from '../../../lib/time-zone';
import { defaultWindow, parseWindowInput } from '../backfill-window';
import type { TickCount } from '../cron-ticks';
import { useBackfillSchedule } from '../mutations';
import type { ScheduleOutcome } from '../schedule-outcome';
import { useCronTicks } from '../use-cron-ticks';

interface BackfillDialogProps {
  org: string;
  app: string;
  schedule: Schedule;
  onClose: () => void;
  onDone: (outcome: ScheduleOutcome) => void;
}

/**
 * A window to backfill, and before anything starts, how many runs it holds: the schedule's
 * ticks in `[start, end)`, counted here from its cron expression (the executor skips ticks
 * that already ran, so the count is the most it starts).
 */
export function BackfillDialog({ org, app, schedule, onClose, onDone }: BackfillDialogProps) {
  const zone = useTimeZone();
  const [range, setRange] = useState(() => defaultWindow(new Date(), zone));
  const backfill = useBackfillSchedule(org, app);
  const { cronExpression, cronTimezone } = schedule;
  const cron = useCronTicks();
  const { start, end, ticks } = useMemo(() => {
    const start = parseWindowInput(range.start, zone);
    const end = parseWindowInput(range.end, zone);
    const ticks: TickCount = !(start && end)
      ? { ok: false, reason: 'Give a start and an end.' }
      : cron
        ? cron.countTicks(cronExpression, cronTimezone, start, end)
        : { ok: false, reason: 'Counting the runs…' };
    return { start, end, ticks };
  }, [cron, cronExpression, cronTimezone, range.start, range.end, zone]);
  const name = schedule.scheduleName;
  const runs = ticks.ok ? ticks.count : 0;
  const zoneWords = zone === 'utc' ? 'UTC' : 'your browser’s time zone';

  const submit = () => {
    if (!start || !end || !ticks.ok || ticks.capped || runs === 0) return;
    backfill.mutate(
      { name, window: { startTime: start.toISOString(), endTime: end.toISOString() } },
      {
        onSuccess: ({ workflowIds }) => {
          onDone({ kind: 'backfilled', name, workflowIds, ticks: runs });
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open title={`Backfill ${name}`} onClose={onClose} testId="backfill-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="dialog-content">
          <p>
            One run of <span className="mono">{schedule.workflowName}</span> per tick of{' '}
            <code>{schedule.cronExpression}</code> ({schedule.cronTimezone ?? 'UTC'}) from the start
            up to, not including, the end. Times are in {zoneWords}.
          </p>
          <TextField
            label="Start"
            type="datetime-local"
            required
            value={range.start}
            onChange={(event) => setRange({ ...range, start: event.target.value })}
          />
          <TextField
            label="End"
            type="datetime-local"
            required
            value={range.end}
            onChange={(event) => setRange({ ...range, end: event.target.value })}
          />
          <p
            className={ticks.ok ? 'notice' : 'reason reason-warn'}
            role="status"
            data-testid="backfill-count"
            data-count={ticks.ok ? ticks.count : undefined}
          >
            {cron ? cron.describeTickCount(ticks) : !ticks.ok && ticks.reason}
          </p>
        </div>
        <ProblemAlert error={backfill.error} fieldLabels={{ startTime: 'Start', endTime: 'End' }} />
        <footer className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Back
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={backfill.isPending || !ticks.ok || runs === 0 || ticks.capped}
          >
            {backfill.isPending ? 'Working…' : `Start ${runs} run${runs === 1 ? '' : 's'}`}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
