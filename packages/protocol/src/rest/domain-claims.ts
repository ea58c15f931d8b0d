import { z } from 'zod';
import { IsoTimestampSchema } from './query-params';

/**
 * Domain claims, DBOS Conductor's shapes (`/v2/orgs/{org}/domain-claims`). Self-hosted, a claim
 * is in effect at once (`approved`): a new account whose email is at the domain joins the
 * organization at sign-up, as OPERATOR (see DOMAIN_CLAIM_ROLE). Accounts that already
 * exist are never moved, and releasing a claim removes nobody.
 */

export { DOMAIN_CLAIM_ROLE } from './values/built-in-roles';

/** A host name of at least two labels (`example.com`), compared in lower case. */
export const ClaimedDomainSchema = z
  .string()
  .min(4)
  .max(253)
  .transform((domain) => domain.toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'must be an email domain such as example.com',
      ),
  );

export const CreateDomainClaimRequestSchema = z.strictObject({
  domain: ClaimedDomainSchema.describe(
    'The email domain to claim, e.g. "example.com". Subdomains are not matched; claim them separately.',
  ),
});
export type CreateDomainClaimRequest = z.infer<typeof CreateDomainClaimRequestSchema>;

export const DomainClaimParamsSchema = z.object({ domain: ClaimedDomainSchema });

export const DomainClaimSchema = z.object({
  id: z.string(),
  orgName: z.string(),
  domain: z.string(),
  status: z
    .enum(['pending', 'approved', 'denied'])
    .describe(
      'Self-hosted: `approved` (in effect at once) where sign-up emails are verified upstream (PODIUM_TRUST_SIGN_UP_EMAILS), otherwise `pending` (admits nobody).',
    ),
  requestedBy: z.string().describe('The id of the user who claimed it.'),
  requestedAt: IsoTimestampSchema,
  decidedAt: IsoTimestampSchema.optional(),
  decidedBy: z.string().optional(),
  decisionNote: z.string().optional(),
});
export type DomainClaim = z.infer<typeof DomainClaimSchema>;

export const ListDomainClaimsResponseSchema = z.object({ claims: z.array(DomainClaimSchema) });
export type ListDomainClaimsResponse = z.infer<typeof ListDomainClaimsResponseSchema>;
