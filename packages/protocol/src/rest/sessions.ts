import { z } from 'zod';
import { EmailSchema, MAX_PASSWORD_LENGTH, UserSchema } from './users';
import { IsoTimestampSchema } from './query-params';

export { CSRF_HEADER, CSRF_COOKIE } from './values/session-headers';

/** `POST /v2/sessions`: signs in. (No length policy here: that would only help guessing.) */
export const CreateSessionRequestSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
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
