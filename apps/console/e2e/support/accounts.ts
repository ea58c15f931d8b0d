// The people the journeys sign up as: an organization's owner, and someone who joins it to look.
import type { Account } from './console-actions';

export const owner: Account = {
  name: 'Olivia Owner',
  email: 'olivia@example.test',
  password: 'correct horse battery staple',
};

export const viewer: Account = {
  name: 'Victor Viewer',
  email: 'victor@example.test',
  password: 'another long passphrase',
};
