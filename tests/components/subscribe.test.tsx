import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { emailProblem } from '../../src/store/personal';
import { renderApp } from './render';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  cleanup();
});

describe('subscribe form', () => {
  it('validates the address with a clear message, then stores the subscription and says no email is sent', async () => {
    const user = userEvent.setup();
    const app = renderApp('/subscribe');
    stop = app.stop;
    await screen.findByRole('heading', {
      level: 1,
      name: 'Get trending papers in your email inbox!',
    });
    const email = screen.getByRole('textbox', { name: 'Email address' });
    await user.type(email, 'reader.example.org');
    await user.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      '"reader.example.org" is missing an @: an address looks like name@example.org.',
    );
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveFocus();
    await user.clear(email);
    await user.type(email, 'reader@example.org');
    await user.click(
      await screen.findByRole('checkbox', { name: 'Data assimilation & model error' }),
    );
    await user.click(screen.getByRole('radio', { name: 'Weekly' }));
    await user.click(screen.getByRole('button', { name: 'Subscribe' }));
    const done = await screen.findByRole('heading', {
      name: 'Saved in this browser, reader@example.org',
    });
    expect(done.parentElement).toHaveTextContent(
      'No email will be sent: this build has no mail server.',
    );
    expect(
      screen.getByRole('link', { name: /Data assimilation & model error \(Atom\)/ }),
    ).toHaveAttribute('href', '/feeds/data-assimilation.xml');
    expect(app.store.getState().subscriptions).toEqual([
      expect.objectContaining({
        email: 'reader@example.org',
        topics: ['data-assimilation'],
        frequency: 'weekly',
      }),
    ]);
    const preview = screen.getByRole('region', { name: /^Your digest today: 3 papers/ });
    expect(within(preview).getAllByRole('listitem')).toHaveLength(3);
  });
});

describe('emailProblem', () => {
  it.each([
    ['', 'Enter an email address.'],
    ['a b@c.org', 'An email address has no spaces.'],
    ['a@b@c.org', 'An email address has only one @.'],
    ['@c.org', 'Add the part before the @, as in name@example.org.'],
    ['not-an-email@', 'Add the domain after the @, as in name@example.org.'],
    ['a@localhost', '"localhost" is not a full domain: it needs a dot, as in example.org.'],
    ['a@c..org', '"c..org" is not a full domain: it needs a dot, as in example.org.'],
    ['reader@example.org', null],
  ])('%s', (email, problem) => {
    expect(emailProblem(email)).toBe(problem);
  });
});
