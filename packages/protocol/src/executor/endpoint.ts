/**
 * Where executors connect: `<base>/websocket/<appName>/<apiKey>` (PROTOCOL.md, "Connecting").
 * The defaults are defined here once, for whatever serves, forwards or dials that URL.
 */

/** The default `<base>` (DBOS's conductor URL shape), changed by `PODIUM_EXECUTOR_BASE_PATH`. */
export const DEFAULT_EXECUTOR_BASE_PATH = '/conductor/v1alpha1';

/**
 * What an executor dials to reach a control plane on the same machine that runs with its
 * defaults (`HOST` 127.0.0.1, `PORT` 8090, the default base).
 */
export const DEFAULT_CONDUCTOR_URL = `ws://127.0.0.1:8090${DEFAULT_EXECUTOR_BASE_PATH}`;
