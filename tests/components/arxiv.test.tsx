import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeFetch, ingestLines } from '../helpers';
import { renderApp } from './render';

// A day from Hugging Face's JSON lines: arXiv ids and upvotes, as the corpus has them.
const LINES = [
  { id: '2509.00011', title: 'Pruning Vision Transformers Quickly', upvotes: 4 },
  { id: '2509.00012', title: 'Sparse Mixtures of Experts at Scale', upvotes: 41 },
  { id: 'not-an-arxiv-id', title: 'Kalman Filters for Weather Data', upvotes: 12 },
].map((p) =>
  JSON.stringify({
    ...p,
    abstract: `${p.title}: we study this problem and report results on three benchmarks.`,
    date: '2025-09-22',
  }),
);

let dataset: ReturnType<typeof ingestLines>;
let stop: (() => void) | undefined;
beforeAll(() => {
  dataset = ingestLines(LINES, 'arxiv');
});
afterAll(() => dataset.remove());
afterEach(() => {
  stop?.();
  cleanup();
});

async function open(url = '/') {
  const app = renderApp(url, { fetcher: fakeFetch(dataset.data) });
  stop = app.stop;
  await screen.findByRole('heading', { level: 1, name: 'Monday, September 22, 2025' });
  return app;
}
const titles = () =>
  screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent);

describe('papers with arXiv ids and upvotes', () => {
  it('link the arXiv page and the PDF, and show their upvotes', async () => {
    await open();
    const moe = await screen.findByRole('article', { name: /^Sparse Mixtures of Experts/ });
    expect(within(moe).getByRole('link', { name: 'arXiv' })).toHaveAttribute(
      'href',
      'https://arxiv.org/abs/2509.00012',
    );
    expect(within(moe).getByRole('link', { name: 'PDF' })).toHaveAttribute(
      'href',
      'https://arxiv.org/pdf/2509.00012',
    );
    expect(within(moe).getByTitle('41 upvotes')).toHaveTextContent('41 upvotes');
    const kalman = screen.getByRole('article', { name: /^Kalman Filters/ });
    expect(within(kalman).queryByRole('link', { name: 'arXiv' })).toBeNull();
    expect(within(kalman).getByTitle('12 upvotes')).toHaveTextContent('12 upvotes');
  });

  it('open most upvoted first when the day has votes; an explicit Newest is kept in the URL', async () => {
    const user = userEvent.setup();
    await open();
    await screen.findAllByRole('article');
    const byVotes = [
      'Sparse Mixtures of Experts at Scale',
      'Kalman Filters for Weather Data',
      'Pruning Vision Transformers Quickly',
    ];
    await waitFor(() => expect(titles()).toEqual(byVotes));
    expect(screen.getByRole('combobox', { name: 'Sort' })).toHaveValue('upvotes');
    // The default is not written into the URL.
    expect(window.location.search).toBe('');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'Newest');
    await waitFor(() => expect(titles()[0]).toBe('Pruning Vision Transformers Quickly'));
    expect(window.location.search).toBe('?sort=newest');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'Most upvoted');
    await waitFor(() => expect(titles()).toEqual(byVotes));
    expect(window.location.search).toBe('?sort=upvotes');
  });
});
