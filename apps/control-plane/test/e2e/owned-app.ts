import {
  type Permission,
  type Application,
  ApplicationSchema,
  type CreateApplicationRequestSchema,
  CreateApiKeyResponseSchema,
  OrganizationSchema,
} from '@podium/protocol';
import type { z } from 'zod';
import { TestBrowser, bodyOf, signUpAndIn } from './test-browser';

export interface OwnedApp {
  /** Signed in as the organization's owner. */
  readonly owner: TestBrowser;
  readonly orgName: string;
  readonly app: Application;
  /** `/v2/orgs/{org}/apps/{app}`. */
  readonly base: string;
  /** The secret of an API key with `permissions`, shown once at creation. */
  readonly apiKey: string;
}

/**
 * A newcomer's path through the HTTP API, as the console takes it: sign up and in, create an
 * organization (named `orgPrefix`-something unique) and an application, create an API key.
 */
export async function setUpOwnedApp(
  serverUrl: string,
  options: {
    orgPrefix: string;
    app: z.input<typeof CreateApplicationRequestSchema>;
    permissions: Permission[];
  },
): Promise<OwnedApp> {
  const owner = new TestBrowser(serverUrl);
  await signUpAndIn(owner);
  const orgName = bodyOf(
    await owner.post('/v2/orgs', { name: `${options.orgPrefix}-${Date.now().toString(36)}` }),
    OrganizationSchema,
    201,
  ).name;
  const app = bodyOf(
    await owner.post(`/v2/orgs/${orgName}/apps`, options.app),
    ApplicationSchema,
    201,
  );
  const { token: secret } = bodyOf(
    await owner.post(`/v2/orgs/${orgName}/tokens`, {
      name: `${app.name} executors`,
      permissions: options.permissions,
    }),
    CreateApiKeyResponseSchema,
    201,
  );
  return { owner, orgName, app, base: `/v2/orgs/${orgName}/apps/${app.name}`, apiKey: secret };
}
