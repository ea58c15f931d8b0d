/** What an application's executors say about it (DBOS's application `status` and `language`). */
export interface ApplicationFleet {
  readonly connected: boolean;
  readonly language: string | null;
}

/** An application no executor ever connected to. */
export const NO_FLEET: ApplicationFleet = { connected: false, language: null };
