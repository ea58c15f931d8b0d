import {
  CreateDomainClaimRequestSchema,
  DomainClaimParamsSchema,
  DomainClaimSchema,
  ListDomainClaimsResponseSchema,
} from '@podium/protocol';
import { routeTable } from '../../../common/routes/route-spec';
import { AUDIT_ACTIONS } from '../../audit/audit-actions';

const base = '/v2/orgs/{org}/domain-claims';
const common = { tag: 'Domain claims', access: 'admin' } as const;
const effect =
  'A new account whose email is at a claimed domain joins the organization at sign-up, as OPERATOR; self-hosted, a claim is in effect at once. Existing accounts are never moved, and releasing a claim removes nobody.';

/** Domain claims (see DomainClaimsController). */
export const DOMAIN_CLAIM_ROUTES = routeTable({
  listDomainClaims: {
    ...common,
    method: 'get',
    path: base,
    summary: "List the organization's domain claims",
    description: effect,
    response: ListDomainClaimsResponseSchema,
  },
  createDomainClaim: {
    ...common,
    method: 'post',
    path: base,
    summary: 'Claim an email domain',
    description: `${effect} A domain another organization claims is a 409.`,
    status: 201,
    body: CreateDomainClaimRequestSchema,
    response: DomainClaimSchema,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.domainClaimCreate },
  },
  deleteDomainClaim: {
    ...common,
    method: 'delete',
    path: `${base}/{domain}`,
    summary: 'Release a domain claim',
    params: DomainClaimParamsSchema,
    status: 204,
    audit: { action: AUDIT_ACTIONS.domainClaimDelete, targetParam: 'domain' },
  },
});
