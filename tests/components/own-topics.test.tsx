import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { STORAGE_KEY } from '../../src/store/storage';
import { PERSONAL_VERSION } from '../../src/store/personal';
import { MemoryStorage } from '../helpers';
import { renderApp } from './render';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  cleanup();
});

const count = () => document.querySelector('.result-count')!.textContent;

async function openFeed(url = '/', storage?: Storage) {
  const app = renderApp(url, { storage });
  stop = app.stop;
  await screen.findByRole('heading', { level: 1, name: 'Friday, September 19, 2025' });
  await screen.findAllByRole('article');
  return app;
}

const stored = (storage: Storage) =>
  JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as { state?: { ownTopics?: unknown[] } };

describe('a topic of your own', () => {
  it('is made from words, filters like a built-in topic, is kept, and can be edited and deleted', async () => {
    const user = userEvent.setup();
    const storage = new MemoryStorage();
    const { store } = await openFeed('/', storage);
    await user.click(screen.getByRole('button', { name: '+ New topic' }));
    const form = await screen.findByRole('form', { name: 'New topic' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Reconstruction');
    await user.type(
      within(form).getByRole('textbox', { name: 'Papers that mention' }),
      'reconstruction',
    );
    // The form says what the words find before the topic is kept.
    expect(within(form).getByRole('status')).toHaveTextContent('Finds 10 of the 63 papers loaded');
    await user.click(within(form).getByRole('button', { name: 'Add topic' }));

    // The new topic is a toggle with its count, turned on, and the list shows its papers.
    const toggle = await screen.findByRole('button', { name: /^Reconstruction 10$/ });
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(count()).toBe('10 papers'));
    expect(window.location.search).toContain('topics=my-reconstruction');
    const articles = screen.getAllByRole('article');
    expect(articles).toHaveLength(10);
    for (const article of articles) {
      // Its chip is on every card, and the words that matched are highlighted.
      expect(within(article).getByRole('link', { name: 'Reconstruction' })).toBeInTheDocument();
      // (the folded abstract starts at the sentence of a match the two lines would hide).
      const marks = [...article.querySelectorAll('mark')].map((m) => m.textContent!.toLowerCase());
      expect(marks.some((m) => m.startsWith('reconstruction'))).toBe(true);
    }
    // Kept with the personal state.
    await waitFor(() =>
      expect(stored(storage).state?.ownTopics).toEqual([
        {
          id: 'my-reconstruction',
          label: 'Reconstruction',
          include: ['reconstruction'],
          exclude: [],
        },
      ]),
    );

    // Editing: excluding a word changes what it finds.
    await user.click(screen.getByRole('button', { name: 'Edit Reconstruction' }));
    const edit = await screen.findByRole('form', { name: 'Edit “Reconstruction”' });
    await user.type(within(edit).getByRole('textbox', { name: 'Except where they say' }), 'human');
    await user.click(within(edit).getByRole('button', { name: 'Save topic' }));
    await waitFor(() => expect(count()).toBe('9 papers'));
    expect(screen.getByRole('button', { name: /^Reconstruction 9$/ })).toBeInTheDocument();

    // Deleting takes it out of the filters and the URL.
    await user.click(screen.getByRole('button', { name: 'Edit Reconstruction' }));
    await user.click(await screen.findByRole('button', { name: 'Delete topic' }));
    await waitFor(() => expect(count()).toBe('63 papers'));
    expect(screen.queryByRole('button', { name: /^Reconstruction/ })).toBeNull();
    expect(window.location.search).not.toContain('my-reconstruction');
    expect(store.getState().ownTopics).toEqual([]);
  });

  it('refuses a name that is taken, saying so', async () => {
    const user = userEvent.setup();
    await openFeed();
    await user.click(screen.getByRole('button', { name: '+ New topic' }));
    const form = await screen.findByRole('form', { name: 'New topic' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'causal inference');
    await user.type(within(form).getByRole('textbox', { name: 'Papers that mention' }), 'causal');
    await user.click(within(form).getByRole('button', { name: 'Add topic' }));
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'There is already a topic called “causal inference”',
    );
  });

  it('opens from a deep link with the topic on, and drops a topic this browser does not have', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        version: PERSONAL_VERSION,
        state: {
          ownTopics: [
            { id: 'my-recon', label: 'Recon', include: ['reconstruction'], exclude: ['human'] },
          ],
          followed: ['my-recon', 'my-gone'],
          // The last visit saw the day before: the seed day is new.
          visits: {
            lastSeenDay: null,
            lastVisitAt: null,
            currentDay: '2025-09-18',
            currentVisitAt: Date.parse('2025-09-18T08:00:00Z'),
          },
        },
      }),
    );
    await openFeed('/?topics=my-recon,my-someone-elses', storage);
    await waitFor(() => expect(count()).toBe('9 papers'));
    expect(screen.getByRole('button', { name: /^Recon 9$/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('button', { name: 'Follow Recon' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await screen.findByText(/This Paperboy has no topic “my-someone-elses”/)).toBeVisible();
    await waitFor(() => expect(window.location.search).toBe('?topics=my-recon'));
    // Followed, it is counted in "since your last visit", and it has its row in the topic chart.
    expect(await screen.findByText(/^9 new in Recon since/)).toBeVisible();
    const row = (await screen.findByRole('rowheader', { name: 'Recon' })).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['9', '9']);
  });
});
