'use client';

import type {
  CreateAlertWebhookRequest,
  CreateAlertingRuleRequest,
  UpdateAlertingRuleRequest,
} from '@podium/protocol/rest';
import { useMutation, useQueryClient } from '../../lib/query';
import {
  createAlertRule,
  createAlertWebhook,
  deleteAlertRule,
  deleteAlertWebhook,
  updateAlertRule,
} from './api';
import { alertQueries } from './queries';

function useInvalidateAlerts(org: string, app: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: alertQueries.all(org, app) });
}

export function useCreateAlertRule(org: string, app: string) {
  const invalidate = useInvalidateAlerts(org, app);
  return useMutation({
    mutationFn: (body: CreateAlertingRuleRequest) => createAlertRule(org, app, body),
    onSuccess: invalidate,
  });
}

export function useUpdateAlertRule(org: string, app: string) {
  const invalidate = useInvalidateAlerts(org, app);
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateAlertingRuleRequest }) =>
      updateAlertRule(org, app, id, changes),
    onSuccess: invalidate,
  });
}

export function useDeleteAlertRule(org: string, app: string) {
  const invalidate = useInvalidateAlerts(org, app);
  return useMutation({
    mutationFn: (id: string) => deleteAlertRule(org, app, id),
    onSuccess: invalidate,
  });
}

export function useCreateAlertWebhook(org: string, app: string) {
  const invalidate = useInvalidateAlerts(org, app);
  return useMutation({
    mutationFn: (body: CreateAlertWebhookRequest) => createAlertWebhook(org, app, body),
    onSuccess: invalidate,
  });
}

export function useDeleteAlertWebhook(org: string, app: string) {
  const invalidate = useInvalidateAlerts(org, app);
  return useMutation({
    mutationFn: (id: string) => deleteAlertWebhook(org, app, id),
    onSuccess: invalidate,
  });
}
