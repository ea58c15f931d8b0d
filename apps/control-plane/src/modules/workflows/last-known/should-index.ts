import type { ApplicationRecord } from '../../../common/auth/tenancy';

/**
 * Whether the control plane may keep and serve last-known workflow metadata of `application`:
 * the one gate of the index (LastKnownIndex asks it, with the application as stored now,
 * before every write, which otherwise deletes what the application had, and before every
 * read). An application in private mode has nothing of its workflows kept by the control plane.
 */
export function shouldIndex(application: ApplicationRecord): boolean {
  return !application.privateMode;
}
