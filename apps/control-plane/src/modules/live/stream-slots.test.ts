import { describeStreamSlots } from '../../../test/support/stream-slots-spec';
import { InMemoryStreamSlots } from './stream-slots';

describeStreamSlots('InMemoryStreamSlots', () => new InMemoryStreamSlots());
