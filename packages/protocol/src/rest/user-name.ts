import { z } from 'zod';

/** DBOS Conductor's user names: 3 to 30 of a-z, 0-9 and `_`. */
export const UserNameSchema = z
  .string()
  .min(3)
  .max(30)
  .regex(/^[a-z0-9_]+$/, 'must be lower-case letters, digits or underscores');
