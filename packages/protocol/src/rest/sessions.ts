import { z } from 'zod';
import { EmailSchema, GivenPasswordSchema, UserSchema } from './users';
import { IsoTimestampSchema } from './query-params';

export { CSRF_HEADER, CSRF_COOKIE } from './values/session-headers';

/** `POST /v2/sessions`: signs in. */
export const CreateSessionRequestSchema = z.object({
  email: EmailSchema,
  password: GivenPasswordSchema,
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequestSchema>;

export const SessionSchema = z.object({
  id: z.uuid(),
  expiresAt: IsoTimestampSchema.describe('When the session ends unless refreshed.'),
  accessExpiresAt: IsoTimestampSchema.describe(
    'When the current access cookie stops working: refresh before then.',
  ),
});
export type Session = z.infer<typeof SessionSchema>;

/**
 * `POST /v2/sessions` and `POST /v2/sessions/refresh`. The tokens themselves travel only in
 * cookies; `csrfToken` repeats the CSRF cookie for clients that prefer not to read cookies.
 */
export const SessionResponseSchema = z.object({
  user: UserSchema,
  session: SessionSchema,
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const CreateSessionResponseSchema = SessionResponseSchema;
export type CreateSessionResponse = SessionResponse;
export const RefreshSessionResponseSchema = SessionResponseSchema;
export type RefreshSessionResponse = SessionResponse;

/** One of the signed-in user's live sessions (`GET /v2/users/me/sessions`); never its tokens. */
export const ActiveSessionSchema = z.object({
  id: z.uuid(),
  createdAt: IsoTimestampSchema.describe('When the user signed in.'),
  lastUsedAt: IsoTimestampSchema.describe('When its tokens were last refreshed.'),
  expiresAt: IsoTimestampSchema.describe('When the session ends unless refreshed.'),
  userAgent: z.string().nullable().describe('The browser that signed in, as it named itself.'),
  current: z.boolean().describe('Whether this is the session making the request.'),
});
export type ActiveSession = z.infer<typeof ActiveSessionSchema>;

/** `GET /v2/users/me/sessions`: the signed-in user's live sessions, most recently used first. */
export const ListSessionsResponseSchema = z.array(ActiveSessionSchema);
export type ListSessionsResponse = z.infer<typeof ListSessionsResponseSchema>;

/** `DELETE /v2/users/me/sessions/{sessionId}`. */
export const SessionParamsSchema = z.object({ sessionId: z.uuid() });
