import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './render';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  cleanup();
});

const SPARSITY = 'Sparsity & pruning';
const hasTopic = (article: HTMLElement, label: string) =>
  within(article).queryByRole('link', { name: label }) !== null;

describe('For you', () => {
  it('says what it needs with fewer than three saved papers, then ranks papers like the saved ones first, with reasons', async () => {
    const user = userEvent.setup();
    const app = renderApp('/');
    stop = app.stop;
    await screen.findByRole('heading', { level: 1, name: 'Friday, September 19, 2025' });
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(63));
    const sparse = screen.getAllByRole('article').filter((a) => hasTopic(a, SPARSITY));
    expect(sparse.length).toBeGreaterThan(10);
    // Four papers of one kind, as a reader saves them: sparse training and pruning of networks.
    const alike = sparse.filter((a) =>
      /training|pruning/i.test(within(a).getByRole('heading').textContent ?? ''),
    );
    expect(alike.length).toBeGreaterThanOrEqual(4);
    await user.click(within(alike[0]!).getByRole('button', { name: 'Save' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'For you');
    expect(window.location.search).toContain('sort=foryou');
    expect(
      await screen.findByText(/save 2 more papers to rank papers like them first/),
    ).toBeVisible();

    for (const article of alike.slice(1, 4))
      await user.click(within(article).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Ranked by your 4 saved papers.')).toBeVisible();
    const ranked = screen.getAllByRole('article');
    expect(ranked).toHaveLength(63);
    // Papers like the saved ones come first: more of the first ten are about sparsity than of
    // the last ten.
    const share = (list: HTMLElement[]) => list.filter((a) => hasTopic(a, SPARSITY)).length;
    expect(share(ranked.slice(0, 10))).toBeGreaterThan(share(ranked.slice(-10)));
    expect(share(ranked.slice(0, 10))).toBeGreaterThanOrEqual(7);
    // Papers ranked high say why: the saved papers they are like, and the words.
    const reasons = ranked.slice(0, 10).map((a) => a.querySelector('.card-reason')?.textContent);
    expect(
      reasons.filter((r) => /^For you: Like \d papers? you saved: /.test(r ?? '')).length,
    ).toBeGreaterThan(3);
    expect(reasons.some((r) => /words: /.test(r ?? ''))).toBe(true);
  });
});
