import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, effectiveSort, runQuery } from '../../src/domain/feed';
import type { Paper } from '../../src/domain/schema';

const paper = (id: string, date: string, upvotes?: number): Paper => ({
  id,
  date,
  title: id,
  abstract: '',
  topics: [],
  evidence: {},
  links: [],
  wordCount: 0,
  similar: [],
  ...(upvotes === undefined ? {} : { upvotes }),
});

describe('the default order', () => {
  it('is most upvoted first when the papers have votes, as on Hugging Face', () => {
    const papers = [
      paper('a', '2025-09-19', 3),
      paper('b', '2025-09-19', 40),
      paper('c', '2025-09-19'),
    ];
    const result = runQuery(papers, null, EMPTY_QUERY);
    expect(result.sort).toBe('upvotes');
    expect(result.hasVotes).toBe(true);
    expect(result.papers.map((p) => p.id)).toEqual(['b', 'a', 'c']);
  });

  it('is newest first when no paper has votes (zero votes count as none)', () => {
    const papers = [paper('a', '2025-09-18', 0), paper('b', '2025-09-19')];
    const result = runQuery(papers, null, EMPTY_QUERY);
    expect(result.sort).toBe('newest');
    expect(result.hasVotes).toBe(false);
    expect(result.papers.map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('keeps an explicit choice and relevance while searching', () => {
    expect(effectiveSort({ ...EMPTY_QUERY, sort: 'newest' }, true)).toBe('newest');
    expect(effectiveSort({ ...EMPTY_QUERY, sort: 'title' }, true)).toBe('title');
    expect(effectiveSort({ ...EMPTY_QUERY, q: 'sparse' }, true)).toBe('relevance');
    expect(effectiveSort(EMPTY_QUERY, true)).toBe('upvotes');
    expect(effectiveSort(EMPTY_QUERY)).toBe('newest');
  });
});
