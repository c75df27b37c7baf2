import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from './render';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  cleanup();
});

async function openFeed(url = '/') {
  const app = renderApp(url);
  stop = app.stop;
  await screen.findByRole('heading', { level: 1, name: 'Friday, September 19, 2025' });
  await screen.findAllByRole('article');
  // The first screen's papers come first, the rest right after: wait for all of them.
  await waitFor(() =>
    expect(screen.getAllByRole('article')).toHaveLength(Number(count()!.split(' ')[0])),
  );
  return app;
}

/** The live count of matching papers (a polite status region). */
const count = () => {
  const region = document.querySelector('.result-count')!;
  expect(region).toHaveAttribute('role', 'status');
  return region.textContent;
};

describe('the daily feed', () => {
  it('opens on the newest day with every paper as an article whose title links to its page', async () => {
    await openFeed();
    const articles = screen.getAllByRole('article');
    expect(articles).toHaveLength(63);
    const link = within(articles[0]!).getByRole('link', {
      name: /^Interpretable structural model error discovery/,
    });
    expect(link.getAttribute('href')).toMatch(
      /^\/papers\/interpretable-structural-model-error-discovery/,
    );
    expect(count()).toBe('63 papers');
    expect(screen.getByRole('button', { name: 'Previous day' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Next day' })).toBeDisabled();
  });

  it('shows links as labelled icons and only http(s) links', async () => {
    await openFeed();
    const sparseNerf = screen.getByRole('article', { name: /^SparseNeRF/ });
    const project = within(sparseNerf).getByRole('link', { name: 'Project' });
    expect(project).toHaveAttribute('href', 'https://sparsenerf.github.io/');
    expect(project).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('expands a long abstract with Show more', async () => {
    const user = userEvent.setup();
    await openFeed();
    const first = screen.getAllByRole('article')[0]!;
    const more = within(first).getByRole('button', { name: 'Show more' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(within(first).getByRole('button', { name: 'Show less' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });
});

describe('search', () => {
  it('finds "assimilaton" despite the typo, highlights matches and announces the count', async () => {
    const user = userEvent.setup();
    await openFeed();
    await user.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'assimilaton');
    await waitFor(() => expect(count()).toBe('3 papers'));
    expect(document.querySelector('.result-count')).toHaveAttribute('aria-live', 'polite');
    const marks = [...document.querySelectorAll('mark')].map((m) => m.textContent?.toLowerCase());
    expect(marks).toContain('assimilation');
    // The address follows within a quarter second of the last keystroke (url-sync.ts).
    await waitFor(() => expect(window.location.search).toBe('?q=assimilaton'));
  });

  it('explains an empty result and offers a way out', async () => {
    const user = userEvent.setup();
    await openFeed();
    await user.type(screen.getByRole('searchbox', { name: 'Search papers' }), 'zebrafish ');
    await screen.findByRole('heading', { name: 'No papers to show' });
    expect(
      screen.getByText(/No paper in Friday, September 19, 2025 contains “zebrafish”/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear the search' }));
    await waitFor(() => expect(count()).toBe('63 papers'));
  });

  it('leaves out papers with a -word, and says so when nothing is left', async () => {
    const user = userEvent.setup();
    await openFeed();
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    await user.type(box, 'sparse ');
    await waitFor(() => expect(count()).toMatch(/^\d+ papers$/));
    const all = Number(count()!.split(' ')[0]);
    await user.type(box, '-vision');
    await waitFor(() => expect(Number(count()!.split(' ')[0])).toBeLessThan(all));
    expect(screen.queryByRole('article', { name: /^SparseNeRF/ })).toBeNull();
    expect([...document.querySelectorAll('mark')].map((m) => m.textContent)).not.toContain(
      'vision',
    );
    await user.clear(box);
    await user.type(box, '-the -sparse -a -sparsity -data -learning -model -models');
    await screen.findByRole('heading', { name: 'No papers to show' });
    expect(
      screen.getByText(/^Every paper in Friday, September 19, 2025 has “sparse”/),
    ).toBeVisible();
  });

  it('finds quoted words only together, and names the phrase when nothing has it', async () => {
    const user = userEvent.setup();
    await openFeed();
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    await user.type(box, '"novel view synthesis"');
    await screen.findByRole('article', { name: /^SparseNeRF/ });
    await user.clear(box);
    await user.type(box, '"synthesis view"');
    await screen.findByRole('heading', { name: 'No papers to show' });
    expect(
      screen.getByText(
        'No paper in Friday, September 19, 2025 contains \u201csynthesis view\u201d.',
      ),
    ).toBeVisible();
  });

  it('renders dataset text as text, never as HTML', async () => {
    await openFeed();
    expect(document.querySelector('article script, article img')).toBeNull();
  });
});

describe('topic filters', () => {
  it('are toggle buttons with counts; two at once is any-of, with an all-of switch and clear', async () => {
    const user = userEvent.setup();
    await openFeed();
    const vision = screen.getByRole('button', { name: /^3D vision & neural rendering \d+$/ });
    const pose = screen.getByRole('button', { name: /^Human pose & motion \d+$/ });
    expect(vision).toHaveAttribute('aria-pressed', 'false');
    const visionCount = Number(vision.textContent!.match(/\d+$/)![0]);
    await user.click(vision);
    expect(vision).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(count()).toBe(`${visionCount} papers`));
    await user.click(pose);
    const anyOf = Number(count()!.split(' ')[0]);
    expect(anyOf).toBeGreaterThan(visionCount);
    expect(window.location.search).toBe('?topics=3d-vision,human-motion');
    await user.click(screen.getByRole('checkbox', { name: 'Match all selected topics' }));
    const allOf = Number(count()!.split(' ')[0]);
    expect(allOf).toBeLessThan(visionCount);
    for (const article of screen.getAllByRole('article')) {
      expect(within(article).getByText('3D vision & neural rendering')).toBeInTheDocument();
      expect(within(article).getByText('Human pose & motion')).toBeInTheDocument();
    }
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(count()).toBe('63 papers'));
    expect(window.location.search).toBe('');
  });

  it("a card's topic chip narrows the list to that topic, keeping the search", async () => {
    const user = userEvent.setup();
    await openFeed('/?q=sparse');
    const sparseNerf = await screen.findByRole('article', { name: /^SparseNeRF/ });
    await user.click(
      within(sparseNerf).getByRole('link', { name: '3D vision & neural rendering' }),
    );
    expect(window.location.search).toBe('?q=sparse&topics=3d-vision');
    expect(
      screen.getByRole('button', { name: /^3D vision & neural rendering \d+$/ }),
    ).toHaveAttribute('aria-pressed', 'true');
    const articles = screen.getAllByRole('article');
    expect(articles.length).toBeLessThan(10);
    for (const a of articles)
      expect(within(a).getByRole('link', { name: '3D vision & neural rendering' })).toBeVisible();
  });

  it('filters to papers with code', async () => {
    const user = userEvent.setup();
    await openFeed();
    await user.click(screen.getByRole('checkbox', { name: /^Has code/ }));
    const articles = screen.getAllByRole('article');
    expect(articles.length).toBeGreaterThan(5);
    for (const a of articles)
      expect(within(a).getByRole('link', { name: 'Code' })).toBeInTheDocument();
  });
});

describe('URL state', () => {
  it('restores a shared link exactly, ignoring bad parameters', async () => {
    await openFeed('/?q=sparse&topics=llm,nonsense&sort=title&view=fortnight');
    expect(screen.getByRole('searchbox', { name: 'Search papers' })).toHaveValue('sparse');
    expect(screen.getByRole('button', { name: /^LLMs & efficient inference/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const titles = screen
      .getAllByRole('article')
      .map((a) => within(a).getAllByRole('heading')[0]!.textContent!);
    expect(titles).toEqual(
      [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    expect(window.location.search).toBe('?q=sparse&topics=llm&sort=title');
  });

  it('follows back and forward', async () => {
    const user = userEvent.setup();
    await openFeed();
    await user.click(screen.getByRole('button', { name: /^Causal inference/ }));
    await waitFor(() => expect(count()).toBe('2 papers'));
    act(() => window.history.back());
    await waitFor(() => expect(count()).toBe('63 papers'));
    expect(screen.getByRole('button', { name: /^Causal inference/ })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });
});

describe('paper page and personal state', () => {
  it('opens a paper with its topics, evidence, similar papers, marks it read, and comes back with filters intact', async () => {
    const user = userEvent.setup();
    const app = await openFeed('/?topics=3d-vision');
    const article = screen.getByRole('article', { name: /^SparseNeRF/ });
    await user.click(within(article).getByRole('link', { name: /^SparseNeRF/ }));
    const title = await screen.findByRole('heading', { level: 1, name: /^SparseNeRF/ });
    expect(title).toBeInTheDocument();
    expect(window.location.pathname).toBe(
      '/papers/sparsenerf-distilling-depth-ranking-for-few-shot-novel-view-synthesis',
    );
    expect(
      screen.getByText(/Because of: SparseNeRF \(title\), Novel View Synthesis \(title\)/),
    ).toBeInTheDocument();
    const topics = screen.getByRole('region', { name: 'Topics' });
    expect(
      within(topics).getByRole('link', { name: 'Atom feed for 3D vision & neural rendering' }),
    ).toHaveAttribute('href', '/feeds/3d-vision.xml');
    // Similar papers load apart from the day: wait for them (a loaded machine takes a while).
    expect(
      await within(screen.getByRole('region', { name: 'Similar papers' })).findAllByRole(
        'listitem',
      ),
    ).toHaveLength(5);
    expect(
      app.store.getState().read[
        'sparsenerf-distilling-depth-ranking-for-few-shot-novel-view-synthesis'
      ],
    ).toBeDefined();
    expect(screen.getByRole('link', { name: /^Next paper:/ })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: '← Back to the list' }));
    await screen.findByRole('heading', { level: 1, name: 'Friday, September 19, 2025' });
    expect(screen.getByRole('button', { name: /^3D vision/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(
      within(screen.getByRole('article', { name: /^SparseNeRF/ })).getByRole('button', {
        name: 'Read',
      }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('copies the paper as BibTeX, or shows it selected when the clipboard is refused', async () => {
    const user = userEvent.setup();
    stop = renderApp(
      '/papers/sparsenerf-distilling-depth-ranking-for-few-shot-novel-view-synthesis',
    ).stop;
    await screen.findByRole('heading', { level: 1, name: /^SparseNeRF/ });
    await user.click(screen.getByRole('button', { name: 'Copy BibTeX' }));
    expect(await screen.findByText('BibTeX copied')).toBeInTheDocument();
    const copied = await navigator.clipboard.readText();
    expect(copied).toMatch(/^@misc\{\w+,\n {2}title = \{\{SparseNeRF: Distilling Depth Ranking/);
    expect(copied).toContain('url = {https://sparsenerf.github.io/}');

    const refuse = vi
      .spyOn(navigator.clipboard, 'writeText')
      .mockRejectedValue(new Error('permission denied'));
    await user.click(screen.getByRole('button', { name: 'Copy BibTeX' }));
    const box = await screen.findByRole('textbox', {
      name: /Could not copy \(permission denied\)/,
    });
    expect((box as HTMLTextAreaElement).value).toBe(copied);
    expect((box as HTMLTextAreaElement).selectionEnd).toBe(copied.length);
    refuse.mockRestore();
  });

  it('marks all listed papers read, hides them with Hide read, and undoes it', async () => {
    const user = userEvent.setup();
    const app = await openFeed('/?topics=data-assimilation');
    await waitFor(() => expect(count()).toBe('3 papers'));
    await user.click(screen.getByRole('checkbox', { name: 'Hide read' }));
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(screen.getByText('Marked 3 papers read.')).toBeInTheDocument();
    await waitFor(() => expect(count()).toBe('0 papers'));
    expect(Object.keys(app.store.getState().read)).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(count()).toBe('3 papers'));
    expect(app.store.getState().read).toEqual({});
    // Only the unread ones are marked, and only they are unmarked by Undo.
    await user.click(screen.getByRole('checkbox', { name: 'Hide read' }));
    const first = screen.getAllByRole('article')[0]!;
    await user.click(within(first).getByRole('button', { name: 'Read' }));
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(screen.getByText('Marked 2 papers read.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(Object.keys(app.store.getState().read)).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeEnabled();
  });

  it('saves a paper and finds it on the Saved page', async () => {
    const user = userEvent.setup();
    await openFeed();
    const article = screen.getByRole('article', { name: /^R-Sparse/ });
    await user.click(within(article).getByRole('button', { name: 'Save' }));
    // Saved, the toggle says so itself (no badge beside a button still saying "Save").
    expect(within(article).getByRole('button', { name: 'Saved' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(within(article).queryByText('Save')).toBeNull();
    await user.click(screen.getByRole('link', { name: /^Saved/ }));
    await screen.findByRole('heading', { level: 1, name: 'Saved papers' });
    const saved = await screen.findAllByRole('article');
    expect(saved.map((a) => a.getAttribute('data-paper-id'))).toEqual([
      'r-sparse-rank-aware-activation-sparsity-for-efficient-llm-inference',
    ]);
    // A note, written on the paper's page, shows wherever the paper is listed.
    expect(screen.queryByRole('textbox', { name: 'Your note' })).toBeNull();
    await user.click(within(saved[0]!).getByRole('link', { name: /^R-Sparse/ }));
    const note = await screen.findByRole('textbox', { name: 'Your note' });
    await user.type(note, 'Compare with our <b>pruning</b>');
    await user.click(screen.getByRole('link', { name: '← Back to the list' }));
    await screen.findByRole('heading', { level: 1, name: 'Saved papers' });
    const card = screen.getByRole('article', { name: /^R-Sparse/ });
    expect(within(card).getByText('Compare with our <b>pruning</b>')).toBeInTheDocument();
    expect(card.querySelector('b')).toBeNull();
  });

  it('goes through the Saved list paper by paper, and back to it', async () => {
    const user = userEvent.setup();
    await openFeed();
    for (const name of [/^R-Sparse/, /^SparseNeRF/]) {
      await user.click(
        within(screen.getByRole('article', { name })).getByRole('button', { name: 'Save' }),
      );
      await new Promise((r) => setTimeout(r, 5)); // distinct save times
    }
    await user.click(screen.getByRole('link', { name: /^Saved/ }));
    await screen.findByRole('heading', { level: 1, name: 'Saved papers' });
    // Newest saved first: SparseNeRF, then R-Sparse.
    const [first] = await screen.findAllByRole('article');
    await user.click(within(first!).getByRole('link', { name: /^SparseNeRF/ }));
    await screen.findByRole('heading', { level: 1, name: /^SparseNeRF/ });
    expect(screen.getByText('1 of 2')).toBeInTheDocument();
    expect(window.location.search).toBe('?from=saved');
    await user.click(screen.getByRole('link', { name: /^Next paper: R-Sparse/ }));
    await screen.findByRole('heading', { level: 1, name: /^R-Sparse/ });
    expect(screen.getByText('2 of 2')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Next paper/ })).toBeNull();
    await user.click(screen.getByRole('link', { name: '← Back to the list' }));
    await screen.findByRole('heading', { level: 1, name: 'Saved papers' });
  });

  it('moves with j/k, saves with s and opens with o', async () => {
    const user = userEvent.setup();
    const app = await openFeed();
    await user.keyboard('s');
    expect(Object.keys(app.store.getState().saved)).toEqual([]);
    await user.keyboard('jjj');
    expect(app.store.getState().cursor).toBe(2);
    expect(document.activeElement).toBe(screen.getAllByRole('article')[2]);
    await user.keyboard('k');
    expect(app.store.getState().cursor).toBe(1);
    await user.keyboard('s');
    const second = screen.getAllByRole('article')[1]!;
    expect(within(second).getByRole('button', { name: 'Saved' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.keyboard('o');
    await screen.findByRole('heading', {
      level: 1,
      name: /^Space and Time Continuous Physics Simulation/,
    });
    await user.keyboard('?');
    expect(app.store.getState().shortcutsOpen).toBe(true);
  });
});
