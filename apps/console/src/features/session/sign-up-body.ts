import type { RegisterUserRequest } from '@podium/protocol/rest';

export interface SignUpFields {
  displayName: string;
  email: string;
  password: string;
  /** A join secret, or blank: optional unless the installation signs up by invitation. */
  invitation: string;
}

/** The `POST /v2/users` body for what was typed: the invitation only when there is one. */
export function signUpBody({ invitation, ...account }: SignUpFields): RegisterUserRequest {
  const joinSecret = invitation.trim();
  return joinSecret ? { ...account, secret: joinSecret } : account;
}
