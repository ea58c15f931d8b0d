import { describe, expect, it } from 'vitest';
import { signUpBody } from './sign-up-body';

const account = { displayName: 'Ada', email: 'ada@example.com', password: 'a long password!' };

describe('signUpBody', () => {
  it('sends the invitation, trimmed, when one was typed', () => {
    expect(signUpBody({ ...account, invitation: '  pjs_0123abcd_secret \n' })).toEqual({
      ...account,
      secret: 'pjs_0123abcd_secret',
    });
  });

  it('leaves a blank invitation out (an empty one would be refused)', () => {
    expect(signUpBody({ ...account, invitation: '' })).toEqual(account);
    expect(signUpBody({ ...account, invitation: '   ' })).toEqual(account);
  });
});
