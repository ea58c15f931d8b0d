'use client';

import { DOMAIN_CLAIM_ROLE } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { DataTable } from '../../../components/ui/data-table';
import { Panel } from '../../../components/ui/panel';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { QueryList } from '../../../components/ui/query-list';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { Timestamp } from '../../../components/ui/timestamp';
import { roleLabel } from '../../../lib/roles';
import { useClaimDomain, useReleaseDomainClaim } from '../mutations';
import { memberQueries } from '../queries';

const COLUMNS = ['Domain', 'Status', 'Claimed'];

/**
 * Email domains the organization claims: whoever signs up with an email there joins it, once
 * the claim is approved (a pending one says why it is not in effect).
 * Listing and changing claims both take `organization.write`, so only managers see the panel.
 */
export function DomainClaimsPanel({ org }: { org: string }) {
  const claims = useQuery(memberQueries.domainClaims(org));
  const release = useReleaseDomainClaim(org);
  return (
    <Panel title="Domain claims" testId="domain-claims">
      <p className="muted">
        A new account signing up with an email at a claimed domain joins this organization as{' '}
        {roleLabel(DOMAIN_CLAIM_ROLE)} once the claim is approved; a pending claim admits nobody
        (its note says why). Existing accounts are not moved, and removing a claim removes nobody.
      </p>
      <QueryList
        items={claims.data?.claims}
        error={claims.error}
        empty={<p className="muted">No domain is claimed.</p>}
      >
        {(items) => (
          <DataTable columns={COLUMNS} actionsColumn="Actions" dense>
            {items.map((claim) => (
              <tr key={claim.id} data-testid="domain-claim-row" data-domain={claim.domain}>
                <td className="mono">{claim.domain}</td>
                <td>
                  {claim.status}
                  {claim.status !== 'approved' && claim.decisionNote && (
                    <div className="muted" data-testid="domain-claim-note">
                      {claim.decisionNote}
                    </div>
                  )}
                </td>
                <td>
                  <Timestamp value={claim.requestedAt} />
                </td>
                <td className="row-actions">
                  <ConfirmButton
                    label="Remove"
                    ariaLabel={`Remove claim ${claim.domain}`}
                    title={`Remove the claim on “${claim.domain}”?`}
                    confirmLabel="Remove claim"
                    action={release}
                    onConfirm={(close) => release.mutate(claim.domain, { onSuccess: close })}
                  >
                    <p>
                      New sign-ups at {claim.domain} will no longer join this organization. Members
                      who joined through the claim stay.
                    </p>
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryList>
      <ClaimDomainForm org={org} />
    </Panel>
  );
}

function ClaimDomainForm({ org }: { org: string }) {
  const [domain, setDomain] = useState('');
  const [invalid, setInvalid] = useState<Error | null>(null);
  const claim = useClaimDomain(org);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The protocol's own rule, checked here so a typo never makes a round trip (loaded on
    // submit: zod and the schemas are not part of every page's first load).
    const { ClaimedDomainSchema } = await import('@podium/protocol/rest');
    const parsed = ClaimedDomainSchema.safeParse(domain.trim());
    if (!parsed.success) {
      claim.reset();
      setInvalid(new Error(`Domain ${parsed.error.issues[0]?.message ?? 'is not valid'}.`));
      return;
    }
    setInvalid(null);
    claim.mutate(parsed.data, { onSuccess: () => setDomain('') });
  };
  return (
    <>
      <form
        className="form form-row"
        onSubmit={(event) => void submit(event)}
        aria-label="Claim a domain"
      >
        <TextField
          label="Domain"
          value={domain}
          onChange={(event) => setDomain(event.target.value)}
          required
          maxLength={253}
          placeholder="example.com"
          autoComplete="off"
          aria-invalid={invalid ? true : undefined}
          hint="Subdomains are not included: claim each one."
        />
        <div className="form-actions">
          <SubmitButton pending={claim.isPending} pendingLabel="Claiming…">
            Claim domain
          </SubmitButton>
        </div>
      </form>
      <ProblemAlert
        error={invalid ?? claim.error}
        fieldLabels={{ domain: 'Domain' }}
        testId="claim-domain-problem"
      />
    </>
  );
}
