import type { ActiveSession, ChangePasswordRequest } from '@podium/protocol/rest';
import { getJson, sendWithoutContent, type RequestOptions } from '../../lib/api-client';

/** `GET /v2/users/me/sessions`: the signed-in user's live sessions, most recently used first. */
export function fetchSessions(options?: RequestOptions): Promise<ActiveSession[]> {
  return getJson('/v2/users/me/sessions', 'ListSessionsResponseSchema', options);
}

/** `DELETE /v2/users/me/sessions/{id}`: that browser is signed out at once. */
export function endSession(id: string): Promise<void> {
  return sendWithoutContent('DELETE', `/v2/users/me/sessions/${encodeURIComponent(id)}`);
}

/** `PUT /v2/users/me/password`: every other session of the user ends. */
export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return sendWithoutContent('PUT', '/v2/users/me/password', body);
}
