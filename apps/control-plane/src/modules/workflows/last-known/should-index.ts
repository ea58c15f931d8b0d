import type { ApplicationRecord } from '../../../common/auth/tenancy';

/**
 * Whether the control plane may keep last-known workflow metadata of `application`. Every
 * write to the index asks this first, with the application as currently stored. An
 * application's private mode (nothing of its workflows kept by the control plane) belongs
 * here: a private application is not indexed.
 */
export function shouldIndex(_application: ApplicationRecord): boolean {
  return true;
}
