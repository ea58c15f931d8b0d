/**
 * Which SDK family an executor runs, from the version it reports (`dbos_version`): @podium/sdk
 * (`podium-sdk/<version>`) or DBOS Transact, whatever its language. Each family keeps its
 * workflows in its own tables (schema `podium`, schema `dbos`), so where both run on one
 * database an executor of one family cannot see the other's workflows, and it writes exports
 * only its own family reads.
 */
export type SdkFamily = 'podium' | 'dbos';

/** Every family, in the order fan-outs ask them. */
export const SDK_FAMILIES: readonly SdkFamily[] = ['podium', 'dbos'];

const PODIUM_SDK_PREFIX = 'podium-sdk/';

export function sdkFamilyOf(executor: { readonly sdkVersion: string | null }): SdkFamily {
  // Every @podium/sdk says its version: one that says none is a DBOS executor from before 2026.
  return executor.sdkVersion?.startsWith(PODIUM_SDK_PREFIX) ? 'podium' : 'dbos';
}

/** How operators know the family: the SDK's own name. */
export function familyName(family: SdkFamily): string {
  return family === 'podium' ? '@podium/sdk' : 'DBOS Transact';
}
