import type { Request } from 'express';
import type { ApplicationRecord } from '../../modules/applications/applications.repository';
import type { OrganizationRecord } from '../../modules/organizations/organizations.repository';
import type { AccessLevel, Principal } from './principal';

/** What the guards established about a request; handlers read it through decorators. */
export interface RequestContext {
  principal?: Principal;
  organization?: OrganizationRecord;
  /** The caller's levels in `organization`. */
  access?: readonly AccessLevel[];
  application?: ApplicationRecord;
}

const CONTEXT = Symbol('podium.request-context');

export function requestContext(req: Request): RequestContext {
  const holder = req as Request & { [CONTEXT]?: RequestContext };
  return (holder[CONTEXT] ??= {});
}
