/**
 * The reader on a real morning (issue 12): authors and the way to each paper, votes and
 * comments, arXiv categories, the compact density, active filters as chips, and the defects a
 * new user hit, each checked the way the reader meets it.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import TopicChart from '../../src/components/topic-chart';
import { authorQuery } from '../../src/app/list/list-view';
import { STORAGE_KEY } from '../../src/store/storage';
import { MemoryStorage, fakeFetch, ingestLines } from '../helpers';
import { renderApp } from './render';

const MANY = Array.from({ length: 28 }, (_, i) => `Author Number${i + 1}`);
// A morning's papers as the JSON lines of a daily-papers tool: authors, arXiv ids, votes,
// comments and categories where the source has them.
const LINES = [
  {
    id: '2509.00012',
    title: 'Sparse Mixtures of Experts at Scale',
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', ...MANY.slice(0, 25)],
    upvotes: 41,
    numComments: 3,
    categories: ['cs.LG', 'cs.AI'],
    github: 'https://github.com/example/moe',
  },
  {
    id: '2509.00011',
    title: 'Pruning Vision Transformers Quickly',
    authors: ['Grace Hopper', 'Edsger Dijkstra'],
    upvotes: 4,
  },
  {
    title: 'Kalman Filters for Weather Data',
    authors: ['Rudolf Kalman'],
    upvotes: 12,
  },
].map((p) =>
  JSON.stringify({
    ...p,
    abstract: `${p.title}: we study this problem and report results on three benchmarks, with sparse pruning and quantization of the weights.`,
    date: '2025-09-22',
  }),
);

let dataset: ReturnType<typeof ingestLines>;
let stop: (() => void) | undefined;
beforeAll(() => {
  dataset = ingestLines(LINES, 'morning');
});
afterAll(() => dataset.remove());
afterEach(() => {
  stop?.();
  cleanup();
});

async function open(url = '/', storage: Storage = new MemoryStorage(), papers = 3) {
  const app = renderApp(url, { fetcher: fakeFetch(dataset.data), storage });
  stop = app.stop;
  await screen.findByRole('heading', { level: 1, name: 'Monday, September 22, 2025' });
  await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(papers));
  return app;
}
const moe = () => screen.getByRole('article', { name: /^Sparse Mixtures of Experts/ });

describe('authors and the way to the paper', () => {
  it('folds the authors after three ("… +25"), each a search for that author', async () => {
    await open();
    const card = moe();
    const authors = within(card).getAllByRole('link', { name: /^(Ada|Alan|Grace|Author)/ });
    expect(authors.map((a) => a.textContent)).toEqual([
      'Ada Lovelace',
      'Alan Turing',
      'Grace Hopper',
    ]);
    expect(card).toHaveTextContent('… +25 more authors');
    expect(authors[2]).toHaveAttribute('href', '/?q=Grace+Hopper&scope=all');
  });

  it('an author click searches that author over all days', async () => {
    const user = userEvent.setup();
    await open();
    await user.click(within(moe()).getByRole('link', { name: 'Grace Hopper' }));
    expect(screen.getByRole('searchbox', { name: 'Search papers' })).toHaveValue('Grace Hopper');
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('article')
          .map((a) => within(a).getByRole('heading').textContent)
          .sort(),
      ).toEqual(['Pruning Vision Transformers Quickly', 'Sparse Mixtures of Experts at Scale']),
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/^All days/);
  });

  it('links arXiv, the PDF and the Hugging Face page, or searches arXiv by title', async () => {
    await open();
    const links = within(moe());
    expect(links.getByRole('link', { name: 'arXiv' })).toHaveAttribute(
      'href',
      'https://arxiv.org/abs/2509.00012',
    );
    expect(links.getByRole('link', { name: 'PDF' })).toHaveAttribute(
      'href',
      'https://arxiv.org/pdf/2509.00012',
    );
    expect(links.getByRole('link', { name: 'Hugging Face' })).toHaveAttribute(
      'href',
      'https://huggingface.co/papers/2509.00012',
    );
    expect(links.queryByRole('link', { name: 'Find on arXiv' })).toBeNull();
    const kalman = within(screen.getByRole('article', { name: /^Kalman Filters/ }));
    expect(kalman.queryByRole('link', { name: 'arXiv' })).toBeNull();
    const find = kalman.getByRole('link', { name: 'Find on arXiv' });
    expect(find).toHaveAttribute(
      'href',
      'https://arxiv.org/search/?query=Kalman%20Filters%20for%20Weather%20Data&searchtype=title',
    );
    expect(find).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('shows votes, comments and arXiv categories where the data has them', async () => {
    await open();
    const card = moe();
    expect(card).toHaveTextContent('41 upvotes');
    expect(card).toHaveTextContent('3 comments');
    expect(card).toHaveTextContent('arXiv categories: cs.LG · cs.AI');
    const pruning = screen.getByRole('article', { name: /^Pruning Vision/ });
    expect(pruning).not.toHaveTextContent(/comment/);
    expect(pruning).not.toHaveTextContent(/categories/);
  });

  it('lists every author on the paper page, with the same links', async () => {
    const user = userEvent.setup();
    await open();
    await user.click(within(moe()).getByRole('link', { name: /^Sparse Mixtures of Experts/ }));
    await screen.findByRole('heading', { level: 1, name: /^Sparse Mixtures of Experts/ });
    const page = screen.getByRole('article', { name: /^Sparse Mixtures of Experts/ });
    expect(within(page).getAllByRole('link', { name: /^(Ada|Alan|Grace|Author)/ })).toHaveLength(
      28,
    );
    expect(page).not.toHaveTextContent('more authors');
    expect(within(page).getByRole('link', { name: /^Hugging Face/ })).toHaveAttribute(
      'href',
      'https://huggingface.co/papers/2509.00012',
    );
    expect(page).toHaveTextContent('41 upvotes');
    expect(page).toHaveTextContent('cs.LG · cs.AI');
  });

  it('an author name becomes a plain query', () => {
    expect(authorQuery('Jean-Luc  Picard')).toBe('Jean-Luc Picard');
    expect(authorQuery('-Dash "Quote" Name')).toBe('Dash Quote Name');
  });
});

describe('density', () => {
  it('switches to compact rows from the list bar, and remembers it in this browser', async () => {
    const user = userEvent.setup();
    const storage = new MemoryStorage();
    await open('/', storage);
    const toggle = screen.getByRole('button', { name: 'Compact' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(within(moe()).getByText(/we study this problem/)).toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    // Title, authors and topics; no abstract; the toggles keep their names.
    const card = moe();
    expect(within(card).queryByText(/we study this problem/)).toBeNull();
    expect(within(card).getByRole('link', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Sparsity & pruning' })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Save' })).toBeInTheDocument();
    const stored = JSON.parse(storage.getItem(STORAGE_KEY)!) as { state: { density: string } };
    expect(stored.state.density).toBe('compact');
    cleanup();
    stop?.();
    await open('/', storage);
    expect(screen.getByRole('button', { name: 'Compact' })).toHaveAttribute('aria-pressed', 'true');
  });
});

describe('the order of a morning', () => {
  it('is most upvoted first when the day has votes', async () => {
    await open();
    expect(
      screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent),
    ).toEqual([
      'Sparse Mixtures of Experts at Scale',
      'Kalman Filters for Weather Data',
      'Pruning Vision Transformers Quickly',
    ]);
    expect(window.location.search).toBe('');
  });
});

describe('active filters', () => {
  it('are chips above the list, each removing its filter, with Clear all', async () => {
    const user = userEvent.setup();
    await open();
    expect(screen.queryByRole('group', { name: 'Active filters' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Sparsity & pruning \d+$/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Has code/ }));
    const chips = within(screen.getByRole('group', { name: 'Active filters' }));
    expect(
      chips.getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? b.textContent),
    ).toEqual(['Remove filter: Sparsity & pruning', 'Remove filter: Has code', 'Clear all']);
    await user.click(chips.getByRole('button', { name: 'Remove filter: Has code' }));
    expect(screen.getByRole('checkbox', { name: /^Has code/ })).not.toBeChecked();
    expect(window.location.search).toBe('?topics=sparsity');
    await user.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(window.location.search).toBe('');
    expect(screen.queryByRole('group', { name: 'Active filters' })).toBeNull();
    expect(screen.getByRole('button', { name: /^Sparsity & pruning \d+$/ })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });

  it('the filters toggle counts them in its name', async () => {
    const user = userEvent.setup();
    await open('/?topics=sparsity&code=1', new MemoryStorage(), 1);
    const toggle = screen.getByRole('button', { name: /^Topics & filters/ });
    expect(toggle).toHaveAccessibleName('Topics & filters · 2 on');
    await user.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(toggle).toHaveAccessibleName('Topics & filters');
  });
});

describe('defects a new user hit', () => {
  it('a search that matches nothing suggests no topic to filter by', async () => {
    const user = userEvent.setup();
    const app = renderApp('/');
    stop = app.stop;
    await screen.findAllByRole('article');
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    await user.type(box, 'quantization');
    expect(
      await screen.findByRole('button', { name: 'Filter by Compression & quantization' }),
    ).toBeInTheDocument();
    await user.clear(box);
    await user.type(box, 'zebrafishqq');
    await screen.findByRole('heading', { name: 'No papers to show' });
    expect(screen.queryByRole('button', { name: /^Filter by/ })).toBeNull();
  });

  it('a search whose words together match nothing shows the papers with most of them, and says so', async () => {
    const user = userEvent.setup();
    const app = renderApp('/');
    stop = app.stop;
    await screen.findAllByRole('article');
    const box = screen.getByRole('searchbox', { name: 'Search papers' });
    await user.type(box, 'quantization zebrafish');
    expect(
      await screen.findByText(/has all 2 words; showing papers with 1 of them\./),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('article').length).toBeGreaterThan(0);
    expect(screen.queryByRole('heading', { name: 'No papers to show' })).toBeNull();
  });

  it('"Most upvoted" says when no paper has votes instead of changing nothing', async () => {
    const app = renderApp('/');
    stop = app.stop;
    await screen.findAllByRole('article');
    const sort = screen.getByRole('combobox', { name: 'Sort' });
    const upvoted = within(sort).getByRole('option', { name: 'Most upvoted (no votes here)' });
    expect(upvoted).toBeDisabled();
    cleanup();
    stop();
    stop = renderApp('/?sort=upvotes').stop;
    expect(
      await screen.findByText(
        'No paper in Friday, September 19, 2025 has votes yet, so “Most upvoted” lists them newest first.',
      ),
    ).toBeInTheDocument();
  });

  it('the saved toggle says Saved, with no badge beside it', async () => {
    const user = userEvent.setup();
    await open();
    await user.click(within(moe()).getByRole('button', { name: 'Save' }));
    const saved = within(moe()).getByRole('button', { name: 'Saved' });
    expect(saved).toHaveAttribute('aria-pressed', 'true');
    expect(moe()).not.toHaveTextContent(/Saved.*Saved/);
  });

  it('the Saved page offers its exports as actions', async () => {
    const user = userEvent.setup();
    await open();
    await user.click(within(moe()).getByRole('button', { name: 'Save' }));
    await user.click(screen.getByRole('link', { name: /^Saved/ }));
    await screen.findByRole('heading', { level: 1, name: 'Saved papers' });
    expect(screen.getByRole('button', { name: 'Export BibTeX' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Export Markdown' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: /^Saved as/ })).toBeNull();
  });

  it('the topic chart names one day in the singular and never cuts a topic name', () => {
    const topics = [
      { id: 'data-assimilation', label: 'Data assimilation & model error', count: 3 },
      { id: 'interpretability', label: 'Sparse autoencoders & interpretability', count: 6 },
    ];
    render(
      <TopicChart
        days={[
          { date: '2025-09-19', count: 9, topics: { 'data-assimilation': 3, interpretability: 6 } },
        ]}
        topics={topics}
      />,
    );
    const chart = screen.getByRole('img', { name: /^Papers per topic per day/ });
    expect(chart).toHaveAccessibleName(/, 2 topics over 1 day; most papers in Sparse autoencoders/);
    expect(chart).toHaveTextContent('Data assimilation & model error');
    expect(chart).toHaveTextContent('Sparse autoencoders & interpretability');
    expect(chart).not.toHaveTextContent('…');
    expect(chart).toHaveTextContent('Sep 19');
  });
});

describe('a folded abstract', () => {
  it('renders only the start of a long abstract, cut at a word, until Show more', async () => {
    const { foldedText, CLAMPED_TEXT } = await import('../../src/components/paper-card');
    const long = 'word '.repeat(200).trim();
    const folded = foldedText(long);
    expect(folded.length).toBeLessThanOrEqual(CLAMPED_TEXT + 1);
    expect(folded).toMatch(/word…$/);
    expect(foldedText('short text')).toBe('short text');
    const user = userEvent.setup();
    const app = renderApp('/');
    stop = app.stop;
    const first = (await screen.findAllByRole('article'))[0]!;
    const abstract = first.querySelector('.abstract')!;
    expect(abstract.textContent!.length).toBeLessThanOrEqual(CLAMPED_TEXT + 1);
    await user.click(within(first).getByRole('button', { name: 'Show more' }));
    expect(abstract.textContent!.length).toBeGreaterThan(CLAMPED_TEXT + 1);
  });
});
