'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { useLiveExecutors, type LiveExecutors } from '../../fleet/use-live-executors';

export interface AppContextValue {
  org: string;
  app: string;
  /** What executors set as CONDUCTOR_URL (from the console's environment). */
  conductorUrl: string;
  /** The app's connected executors, live. */
  live: LiveExecutors;
}

const AppContext = createContext<AppContextValue | null>(null);

/** Everything under one application's pages shares one live executor stream. */
export function AppContextProvider({
  org,
  app,
  conductorUrl,
  children,
}: Omit<AppContextValue, 'live'> & { children: ReactNode }) {
  const live = useLiveExecutors(org, app);
  return (
    <AppContext.Provider value={{ org, app, conductorUrl, live }}>{children}</AppContext.Provider>
  );
}

export function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useAppContext must be used under AppContextProvider');
  return value;
}
