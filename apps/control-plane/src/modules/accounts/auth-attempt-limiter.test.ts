import { describeAuthAttemptLimiter } from '../../../test/support/auth-attempt-limiter-spec';
import { InMemoryAuthAttemptLimiter } from './in-memory-auth-attempt-limiter';

describeAuthAttemptLimiter(
  'InMemoryAuthAttemptLimiter',
  (limits, now) => new InMemoryAuthAttemptLimiter(limits, now),
);
