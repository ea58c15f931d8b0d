import { AppError } from '@podium/protocol';

/** The refusal of a creation past the organization's quota of `things` (its `max`). */
export function quotaExceeded(things: string, max: number): AppError {
  return new AppError(
    'QUOTA_EXCEEDED',
    `The organization has ${max} ${things}, the most it may hold: remove one before adding another.`,
  );
}
