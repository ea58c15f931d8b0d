import { OrgHeader } from '../../../../features/organizations/components/org-header';

export default async function OrgSectionLayout({ params, children }: LayoutProps<'/orgs/[org]'>) {
  const { org } = await params;
  return (
    <>
      <OrgHeader org={org} />
      {children}
    </>
  );
}
