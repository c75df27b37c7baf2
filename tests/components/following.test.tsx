/**
 * Issue 15 in the app: collections of saved papers (the paper page and the Saved page, deep
 * links, exports per collection) and authors you follow (their new papers marked and counted).
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE_KEY } from '../../src/store/storage';
import { PERSONAL_VERSION } from '../../src/store/personal';
import { MemoryStorage, fakeFetch, ingestLines } from '../helpers';
import { renderApp } from './render';

const paper = (id: string, title: string, authors: string[], date: string) =>
  JSON.stringify({
    id,
    title,
    authors,
    date,
    abstract: `${title}: we study this problem and report results on three benchmarks.`,
  });
const LINES = [
  paper('2509.00001', 'Older Work on Compilers', ['Grace Hopper'], '2025-09-21'),
  paper('2509.00002', 'Sparse Mixtures of Experts', ['Ada Lovelace', 'Grace Hopper'], '2025-09-22'),
  paper('2509.00003', 'Pruning Vision Transformers', ['Edsger Dijkstra'], '2025-09-22'),
  paper('2509.00004', 'COBOL at Scale', ['Grace  Hopper'], '2025-09-22'),
];

let dataset: ReturnType<typeof ingestLines>;
let stop: (() => void) | undefined;
beforeAll(() => {
  dataset = ingestLines(LINES, 'following');
});
afterAll(() => dataset.remove());
afterEach(() => {
  stop?.();
  cleanup();
});

/** A reader whose last visit saw up to Sep 21: Sep 22's papers are new. */
function returningReader(): Storage {
  const storage = new MemoryStorage();
  storage.setItem(
    STORAGE_KEY,
    JSON.stringify({
      version: PERSONAL_VERSION,
      state: {
        visits: {
          lastSeenDay: null,
          lastVisitAt: null,
          currentDay: '2025-09-21',
          currentVisitAt: Date.parse('2025-09-21T08:00:00Z'),
        },
      },
    }),
  );
  return storage;
}

describe('authors you follow', () => {
  it('follows an author from a paper page; their new papers are marked and counted', async () => {
    const user = userEvent.setup();
    const app = renderApp('/', {
      fetcher: fakeFetch(dataset.data),
      storage: returningReader(),
    });
    stop = app.stop;
    await screen.findByRole('heading', { level: 1, name: 'Monday, September 22, 2025' });
    expect(await screen.findByText(/^3 new papers since/)).toBeVisible();
    await user.click(
      within(screen.getByRole('article', { name: /^Sparse Mixtures/ })).getByRole('link', {
        name: /^Sparse Mixtures/,
      }),
    );
    await screen.findByRole('heading', { level: 1, name: /^Sparse Mixtures/ });
    const follow = screen.getByRole('button', { name: 'Follow Grace Hopper' });
    expect(follow).toHaveAttribute('aria-pressed', 'false');
    await user.click(follow);
    expect(follow).toHaveAttribute('aria-pressed', 'true');
    expect(app.store.getState().followedAuthors).toEqual(['Grace Hopper']);

    await user.click(screen.getByRole('link', { name: '← Back to the list' }));
    // "Grace  Hopper" with two spaces is the same author; Dijkstra's paper is no longer new.
    expect(await screen.findByText(/^2 new by Grace Hopper since/)).toBeVisible();
    const badge = (name: RegExp) =>
      within(screen.getByRole('article', { name })).queryByText('New');
    expect(badge(/^COBOL at Scale/)).not.toBeNull();
    expect(badge(/^Pruning Vision/)).toBeNull();
    // The sidebar lists the authors followed, each a search for their papers.
    const list = screen.getByRole('list', { name: 'Authors you follow' });
    expect(within(list).getByRole('link', { name: 'Grace Hopper' })).toHaveAttribute(
      'href',
      expect.stringContaining('q=Grace+Hopper'),
    );
  });

  it('offers to follow the author a search is for', async () => {
    const user = userEvent.setup();
    const app = renderApp('/?q=Edsger+Dijkstra&scope=all', {
      fetcher: fakeFetch(dataset.data),
      storage: new MemoryStorage(),
    });
    stop = app.stop;
    const button = await screen.findByRole('button', { name: '☆ Follow Edsger Dijkstra' });
    await user.click(button);
    expect(app.store.getState().followedAuthors).toEqual(['Edsger Dijkstra']);
  });
});

describe('collections of saved papers', () => {
  it('puts a saved paper in collections from its page, and the Saved page shows, renames and deletes them', async () => {
    const user = userEvent.setup();
    const app = renderApp('/', {
      fetcher: fakeFetch(dataset.data),
      storage: new MemoryStorage(),
    });
    stop = app.stop;
    await screen.findByRole('heading', { level: 1, name: 'Monday, September 22, 2025' });
    for (const name of [/^Sparse Mixtures/, /^Pruning Vision/])
      await user.click(
        within(screen.getByRole('article', { name })).getByRole('button', { name: 'Save' }),
      );
    await user.click(screen.getByRole('link', { name: /^Sparse Mixtures/ }));
    await screen.findByRole('heading', { level: 1, name: /^Sparse Mixtures/ });
    const picker = screen.getByRole('group', { name: 'Collections' });
    await user.type(
      within(picker).getByRole('textbox', { name: 'New collection' }),
      'Sparse training',
    );
    await user.click(within(picker).getByRole('button', { name: 'Add to collection' }));
    expect(within(picker).getByRole('checkbox', { name: 'Sparse training' })).toBeChecked();

    await user.click(screen.getByRole('link', { name: /^Saved/ }));
    const bar = await screen.findByRole('navigation', { name: 'Collections' });
    expect(within(bar).getByRole('button', { name: 'All saved 2' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(within(bar).getByRole('button', { name: 'Sparse training 1' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
    expect(window.location.search).toBe('?collection=Sparse%20training');
    // The exports are the collection's.
    expect(screen.getByRole('button', { name: 'Export BibTeX' })).toBeEnabled();

    await user.click(within(bar).getByRole('button', { name: 'Rename “Sparse training”' }));
    const rename = screen.getByRole('form', { name: 'Rename Sparse training' });
    const input = within(rename).getByRole('textbox', { name: 'New name' });
    await user.clear(input);
    await user.type(input, 'MoE{Enter}');
    expect(within(bar).getByRole('button', { name: 'MoE 1' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(
      Object.values(app.store.getState().saved)
        .map((e) => (e.collections ?? []).join())
        .sort(),
    ).toEqual(['', 'MoE']);

    await user.click(within(bar).getByRole('button', { name: 'Delete collection “MoE”' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
    expect(screen.queryByRole('navigation', { name: 'Collections' })).toBeNull();
    expect(Object.keys(app.store.getState().saved)).toHaveLength(2);
  });
});
