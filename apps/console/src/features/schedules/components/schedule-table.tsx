'use client';

import type { Schedule } from '@podium/protocol/rest';
import { DataTable } from '../../../components/ui/data-table';
import { StatusBadge } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';
import { useNow } from '../../../lib/use-now';
import { useCronTicks } from '../use-cron-ticks';

export interface ScheduleActions {
  setPaused: (schedule: Schedule, paused: boolean) => void;
  trigger: (schedule: Schedule) => void;
  backfill: (schedule: Schedule) => void;
}

interface ScheduleTableProps {
  schedules: readonly Schedule[];
  /** Operators and above act; viewers only read. */
  mayOperate: boolean;
  /** The schedule an action is under way on (its buttons wait). */
  busyName: string | null;
  actions: ScheduleActions;
}

const COLUMNS = ['Schedule', 'Status', 'Cron', 'Next run', 'Last run'];

export function ScheduleTable({ schedules, mayOperate, busyName, actions }: ScheduleTableProps) {
  // The next run moves on as ticks pass, without asking the executor.
  const now = useNow(true, 30_000);
  const cron = useCronTicks();
  return (
    <DataTable
      columns={COLUMNS}
      actionsColumn={mayOperate ? 'Actions' : undefined}
      testId="schedule-table"
    >
      {schedules.map((schedule) => {
        const paused = schedule.status === 'PAUSED';
        const next =
          paused || !cron
            ? null
            : cron.nextTick(schedule.cronExpression, schedule.cronTimezone, new Date(now));
        const busy = busyName === schedule.scheduleName;
        const name = schedule.scheduleName;
        return (
          <tr key={schedule.scheduleId} data-testid="schedule-row" data-schedule={name}>
            <td>
              <span className="mono strong">{name}</span>
              <br />
              <span className="muted-inline mono">{schedule.workflowName}</span>
            </td>
            <td>
              <StatusBadge
                tone={paused ? 'warn' : schedule.status === 'ACTIVE' ? 'ok' : 'neutral'}
                status={schedule.status}
                testId="schedule-status"
              />
            </td>
            <td>
              <code>{schedule.cronExpression}</code>
              <br />
              <span className="muted-inline">{schedule.cronTimezone ?? 'UTC'}</span>
            </td>
            <td data-testid="schedule-next-run">
              {paused ? (
                <span className="muted-inline">paused</span>
              ) : (
                <Timestamp value={next?.toISOString()} />
              )}
            </td>
            <td>
              <Timestamp value={schedule.lastFiredAt} />
            </td>
            {mayOperate && (
              <td>
                <div className="row-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy}
                    aria-label={`${paused ? 'Resume' : 'Pause'} ${name}`}
                    onClick={() => actions.setPaused(schedule, !paused)}
                  >
                    {paused ? 'Resume' : 'Pause'}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy}
                    aria-label={`Trigger now: ${name}`}
                    onClick={() => actions.trigger(schedule)}
                  >
                    Trigger now
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy}
                    aria-label={`Backfill ${name}`}
                    onClick={() => actions.backfill(schedule)}
                  >
                    Backfill…
                  </button>
                </div>
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}
