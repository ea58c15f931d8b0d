'use client';

import type { BackfillScheduleRequest } from '@podium/protocol/rest';
import { useMutation, useQueryClient } from '../../lib/query';
import { workflowsKey } from '../workflows/workflows-key';
import { backfillSchedule, setSchedulePaused, triggerSchedule } from './api';
import { scheduleQueries } from './queries';

/** Each action changes a schedule (its status, its last run) or starts workflows. */
function useInvalidateSchedules(org: string, app: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: scheduleQueries.all(org, app) }),
      queryClient.invalidateQueries({ queryKey: workflowsKey(org, app) }),
    ]);
}

export function useSetSchedulePaused(org: string, app: string) {
  const onSettled = useInvalidateSchedules(org, app);
  return useMutation({
    mutationFn: ({ name, paused }: { name: string; paused: boolean }) =>
      setSchedulePaused(org, app, name, paused),
    onSettled,
  });
}

export function useTriggerSchedule(org: string, app: string) {
  const onSettled = useInvalidateSchedules(org, app);
  return useMutation({
    mutationFn: (name: string) => triggerSchedule(org, app, name),
    onSettled,
  });
}

export function useBackfillSchedule(org: string, app: string) {
  const onSettled = useInvalidateSchedules(org, app);
  return useMutation({
    mutationFn: ({ name, window }: { name: string; window: BackfillScheduleRequest }) =>
      backfillSchedule(org, app, name, window),
    onSettled,
  });
}
