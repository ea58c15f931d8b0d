'use client';

import { useMutation, useQueryClient } from '../../lib/query';
import { setLatestVersion } from './api';
import { versionQueries } from './queries';

export function useSetLatestVersion(org: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (versionName: string) => setLatestVersion(org, app, versionName),
    onSettled: () => queryClient.invalidateQueries({ queryKey: versionQueries.all(org, app) }),
  });
}
