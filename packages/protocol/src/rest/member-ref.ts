import { z } from 'zod';
import { UserNameSchema } from './user-name';

/**
 * A member in a path: their user id, or their DBOS user name (`{username}` in DBOS Conductor's
 * API; a name has no `-`, so it never reads as an id).
 */
export const MemberRefSchema = z
  .union([z.uuid(), UserNameSchema])
  .describe("The member's user id, or their DBOS user name.");
