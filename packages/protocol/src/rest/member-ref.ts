import { z } from 'zod';

/** DBOS Conductor's user names: 3 to 30 of a-z, 0-9 and `_`. */
export const UserNameSchema = z
  .string()
  .min(3)
  .max(30)
  .regex(/^[a-z0-9_]+$/, 'must be lower-case letters, digits or underscores');

/**
 * A member in a path: their user id, or their DBOS user name (`{username}` in DBOS Conductor's
 * API; a name has no `-`, so it never reads as an id).
 */
export const MemberRefSchema = z
  .union([z.uuid(), UserNameSchema])
  .describe("The member's user id, or their DBOS user name.");
