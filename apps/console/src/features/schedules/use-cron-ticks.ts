'use client';

import { useEffect, useState } from 'react';
import type * as CronTicksModule from './cron-ticks';

type CronTicks = typeof CronTicksModule;

let loading: Promise<CronTicks> | undefined;
/** Once loaded, later users (the backfill dialog) have it from their first render. */
let loaded: CronTicks | null = null;

/**
 * cron-ticks.ts, loaded after the page: croner (about 10 KiB gzipped) is not part of the
 * schedules page's first load, and arrives while the page asks for its schedules. Null until then.
 */
export function useCronTicks(): CronTicks | null {
  const [cronTicks, setCronTicks] = useState<CronTicks | null>(loaded);
  useEffect(() => {
    let mounted = true;
    loading ??= import('./cron-ticks').then((module) => (loaded = module));
    void loading.then((module) => {
      if (mounted) setCronTicks(module);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return cronTicks;
}
