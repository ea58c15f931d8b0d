import type {
  CreateSessionRequest,
  CreateSessionResponse,
  CurrentUserResponse,
  RegisterUserRequest,
  RegisterUserResponse,
} from '@podium/protocol/rest';
import { getJson, sendJson, sendWithoutContent, type RequestOptions } from '../../lib/api-client';

// A 401 from these means wrong credentials, not an expired session: never refresh.
const establishing = { refreshOnUnauthenticated: false } as const;

/** `POST /v2/users`: sign up (creates the account only). */
export function registerUser(body: RegisterUserRequest): Promise<RegisterUserResponse> {
  return sendJson('POST', '/v2/users', body, 'RegisterUserResponseSchema', establishing);
}

/** `POST /v2/sessions`: sign in; the control plane sets the session cookies. */
export function signIn(body: CreateSessionRequest): Promise<CreateSessionResponse> {
  return sendJson('POST', '/v2/sessions', body, 'CreateSessionResponseSchema', establishing);
}

/** `DELETE /v2/sessions/current`: ends the session and clears its cookies. */
export function signOut(): Promise<void> {
  return sendWithoutContent('DELETE', '/v2/sessions/current', undefined, establishing);
}

/** `GET /v2/users/me`: the signed-in user and their organizations, with their role in each. */
export function fetchCurrentUser(options?: RequestOptions): Promise<CurrentUserResponse> {
  return getJson('/v2/users/me', 'CurrentUserResponseSchema', options);
}
