import { describe, expect, it } from 'vitest';
import { buildPaper } from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import {
  EMPTY_QUERY,
  datesInView,
  listRows,
  rangeLabel,
  deriveList,
  runQuery,
  stepDate,
  viewRange,
} from '../../src/domain/feed';
import { createSearch } from '../../src/domain/search';
import { seedText } from '../helpers';

const papers = parseDigest(seedText(), { year: 2025 }).map(buildPaper);
const engine = createSearch(
  papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })),
);
const DAYS = ['2025-09-01', '2025-09-05', '2025-09-15', '2025-09-19', '2025-10-02'];

describe('days and ranges', () => {
  it('covers a day, an ISO week and a month', () => {
    expect(viewRange('2025-09-19', 'day')).toEqual(['2025-09-19', '2025-09-19']);
    expect(viewRange('2025-09-19', 'week')).toEqual(['2025-09-15', '2025-09-21']);
    expect(viewRange('2025-09-19', 'month')).toEqual(['2025-09-01', '2025-09-30']);
    expect(datesInView(DAYS, '2025-09-19', 'week')).toEqual(['2025-09-15', '2025-09-19']);
  });

  it('steps to the nearest day with papers, skipping empty days, weeks and months', () => {
    expect(stepDate(DAYS, '2025-09-19', 'day', -1)).toBe('2025-09-15');
    expect(stepDate(DAYS, '2025-09-05', 'day', 1)).toBe('2025-09-15');
    expect(stepDate(DAYS, '2025-09-19', 'week', -1)).toBe('2025-09-05');
    expect(stepDate(DAYS, '2025-09-19', 'month', 1)).toBe('2025-10-02');
    expect(stepDate(DAYS, '2025-09-01', 'day', -1)).toBeNull();
    expect(stepDate(DAYS, '2025-10-02', 'month', 1)).toBeNull();
  });

  it('labels ranges as a reader reads them', () => {
    expect(rangeLabel('2025-09-19', 'day')).toBe('Friday, September 19, 2025');
    expect(rangeLabel('2025-09-19', 'week')).toBe('Week of September 15–21, 2025');
    expect(rangeLabel('2025-09-30', 'week')).toBe('Week of September 29–October 5, 2025');
    expect(rangeLabel('2025-09-19', 'month')).toBe('September 2025');
  });
});

describe('deriveList, the one list derivation', () => {
  it('gives list items in the order of the query, or the given order when asked to keep it', () => {
    const some = [papers[5]!, papers[0]!, papers[9]!];
    const kept = deriveList(some, null, EMPTY_QUERY, {}, { keepOrder: true });
    expect(kept.items.map((i) => i.id)).toEqual(some.map((p) => p.id));
    expect(kept.items.every((i) => i.paper !== null && i.date === i.paper.date)).toBe(true);
    const byTitle = deriveList(
      some,
      null,
      { ...EMPTY_QUERY, sort: 'title' },
      {},
      { keepOrder: true },
    );
    expect(byTitle.items.map((i) => i.paper!.title)).toEqual(
      some.map((p) => p.title).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    expect(
      deriveList(some, null, { ...EMPTY_QUERY, topics: ['no-such-topic'], topicMode: 'all' }).items,
    ).toEqual([]);
  });
});

describe('runQuery', () => {
  const count = (topic: string) => papers.filter((p) => p.topics.includes(topic)).length;

  it('returns the day in page order with a count per topic', () => {
    const result = runQuery(papers, null, EMPTY_QUERY);
    expect(result.papers.map((p) => p.id)).toEqual(papers.map((p) => p.id));
    expect(result.topicCounts.sparsity).toBe(count('sparsity'));
    expect(result.codeCount).toBe(
      papers.filter((p) => p.links.some((l) => l.kind === 'code')).length,
    );
  });

  it('filters topics any-of and all-of, with counts that say what a click would show', () => {
    const any = runQuery(papers, null, { ...EMPTY_QUERY, topics: ['3d-vision', 'human-motion'] });
    expect(
      any.papers.every((p) => p.topics.includes('3d-vision') || p.topics.includes('human-motion')),
    ).toBe(true);
    expect(any.papers.length).toBe(
      papers.filter((p) => p.topics.includes('3d-vision') || p.topics.includes('human-motion'))
        .length,
    );
    expect(any.topicCounts['3d-vision']).toBe(count('3d-vision'));
    const all = runQuery(papers, null, {
      ...EMPTY_QUERY,
      topics: ['3d-vision', 'human-motion'],
      topicMode: 'all',
    });
    expect(all.papers.length).toBe(
      papers.filter((p) => p.topics.includes('3d-vision') && p.topics.includes('human-motion'))
        .length,
    );
    expect(all.papers.length).toBeGreaterThan(0);
    expect(all.papers.length).toBeLessThan(any.papers.length);
    expect(all.topicCounts.sparsity ?? 0).toBe(
      all.papers.filter((p) => p.topics.includes('sparsity')).length,
    );
  });

  it('combines search, has code and hide read', () => {
    const read = new Set([papers.find((p) => p.title.startsWith('R-Sparse'))!.id]);
    const result = runQuery(
      papers,
      engine,
      { ...EMPTY_QUERY, q: 'sparse llm', hideRead: true },
      { read },
    );
    expect(result.papers.map((p) => p.title)).not.toContain(expect.stringMatching(/^R-Sparse/));
    expect(result.papers.length).toBeGreaterThan(0);
    const code = runQuery(papers, null, { ...EMPTY_QUERY, hasCode: true });
    expect(code.papers.every((p) => p.links.some((l) => l.kind === 'code'))).toBe(true);
  });

  it('sorts by relevance when searching, else newest; by title on request', () => {
    const relevance = runQuery(papers, engine, { ...EMPTY_QUERY, q: 'sparse autoencoders' });
    expect(relevance.papers[0]!.title).toMatch(/Sparse Autoencoders/);
    const titles = runQuery(papers, null, { ...EMPTY_QUERY, sort: 'title' }).papers.map(
      (p) => p.title,
    );
    expect(titles).toEqual(
      [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
  });

  it('sorts most upvoted first; ties and papers without votes newest first', () => {
    const voted = papers.slice(0, 5).map((p, i) => ({
      ...p,
      date: i % 2 ? '2025-09-18' : '2025-09-19',
      upvotes: [5, undefined, 30, 5, undefined][i],
    }));
    const order = runQuery(voted, null, { ...EMPTY_QUERY, sort: 'upvotes' }).indexes;
    // 30 (index 2); the two 5s, the newer day first (0 on the 19th, 3 on the 18th);
    // no votes: 4 (19th) before 1 (18th).
    expect(order).toEqual([2, 0, 3, 4, 1]);
  });
});

describe('listRows', () => {
  it('puts a heading with the count before each day when grouped, and nothing when flat', () => {
    const items = [
      { id: 'a', date: '2025-09-19' },
      { id: 'b', date: '2025-09-19' },
      { id: 'c', date: '2025-09-18' },
    ];
    expect(listRows(items, true)).toEqual([
      { kind: 'date', date: '2025-09-19', count: 2 },
      { kind: 'item', item: items[0], position: 0 },
      { kind: 'item', item: items[1], position: 1 },
      { kind: 'date', date: '2025-09-18', count: 1 },
      { kind: 'item', item: items[2], position: 2 },
    ]);
    expect(listRows(items, false).map((r) => r.kind)).toEqual(['item', 'item', 'item']);
  });
});
