'use client';

import { AppError, type Schedule } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { QueryList } from '../../../components/ui/query-list';
import { can } from '../../../lib/roles';
import { useOrgRole } from '../../organizations/queries';
import { NoExecutor } from '../../workflows/components/no-executor';
import { useSetSchedulePaused, useTriggerSchedule } from '../mutations';
import { scheduleQueries } from '../queries';
import type { ScheduleOutcome } from '../schedule-outcome';
import { BackfillDialog } from './backfill-dialog';
import { OutcomeNote } from './outcome-note';
import { ScheduleTable } from './schedule-table';

const REFRESH_MS = 5_000;

/**
 * The app's schedules (read live from its executors) with their next and last runs; operators
 * pause, resume, trigger and backfill them, and see what each action really did.
 */
export function SchedulesPage({ org, app }: { org: string; app: string }) {
  const schedules = useQuery({ ...scheduleQueries.list(org, app), refetchInterval: REFRESH_MS });
  const mayOperate = can(useOrgRole(org), 'application.write');
  const pause = useSetSchedulePaused(org, app);
  const trigger = useTriggerSchedule(org, app);
  const [outcome, setOutcome] = useState<ScheduleOutcome | null>(null);
  const [backfilling, setBackfilling] = useState<Schedule | null>(null);
  // The failure of the last action on the page (the backfill dialog shows its own).
  const [failure, setFailure] = useState<unknown>(null);

  const started = () => {
    setOutcome(null);
    setFailure(null);
  };
  const actions = {
    setPaused: (schedule: Schedule, paused: boolean) => {
      started();
      pause.mutate(
        { name: schedule.scheduleName, paused },
        {
          onSuccess: () =>
            setOutcome({ kind: paused ? 'paused' : 'resumed', name: schedule.scheduleName }),
          onError: setFailure,
        },
      );
    },
    trigger: (schedule: Schedule) => {
      started();
      trigger.mutate(schedule.scheduleName, {
        onSuccess: ({ workflowId }) =>
          setOutcome({ kind: 'triggered', name: schedule.scheduleName, workflowId }),
        onError: setFailure,
      });
    },
    backfill: (schedule: Schedule) => {
      started();
      setBackfilling(schedule);
    },
  };
  const busyName =
    (pause.isPending && pause.variables.name) || (trigger.isPending && trigger.variables) || null;

  if (AppError.is(schedules.error) && schedules.error.code === 'EXECUTOR_UNAVAILABLE') {
    return <NoExecutor />;
  }
  return (
    <Panel title="Schedules">
      <ProblemAlert error={failure} testId="schedule-action-problem" />
      {outcome && <OutcomeNote org={org} app={app} outcome={outcome} />}
      <QueryList
        items={schedules.data}
        error={schedules.error}
        loading="Asking the app’s executors…"
        empty={
          <EmptyState title="This app has no schedules">
            <p>
              Schedules are created by the app itself (DBOS <code>createSchedule</code>); they show
              here once an executor reports them.
            </p>
          </EmptyState>
        }
      >
        {(items) => (
          <ScheduleTable
            schedules={items}
            mayOperate={mayOperate}
            busyName={busyName}
            actions={actions}
          />
        )}
      </QueryList>
      {backfilling && (
        <BackfillDialog
          org={org}
          app={app}
          schedule={backfilling}
          onClose={() => setBackfilling(null)}
          onDone={setOutcome}
        />
      )}
    </Panel>
  );
}
