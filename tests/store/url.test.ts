import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, SORTS } from '../../src/domain/feed';
import { TOPIC_META } from '../../src/domain/topic-meta';
import { DEFAULT_VIEW, parseLocation, toUrl, type ViewState } from '../../src/store/url';

describe('URL <-> view', () => {
  it.each(SORTS)('keeps the %s order in the URL', (sort) => {
    const view = parseLocation('/', `?sort=${sort}`);
    expect(view.query.sort).toBe(sort);
    const url = new URL(toUrl(view), 'http://x');
    expect(parseLocation(url.pathname, url.search).query.sort).toBe(sort);
  });

  it('reads every parameter', () => {
    const view = parseLocation(
      '/',
      '?q=sparse+llm&topics=llm,sparsity&mode=all&code=1&unread=1&new=1&sort=title&date=2025-09-19&view=week&scope=all',
    );
    expect(view).toEqual({
      page: { name: 'feed' },
      query: {
        q: 'sparse llm',
        topics: ['llm', 'sparsity'],
        topicMode: 'all',
        hasCode: true,
        hideRead: true,
        onlyNew: true,
        sort: 'title',
        like: '',
      },
      date: '2025-09-19',
      view: 'week',
      scope: 'all',
      collection: null,
    });
  });

  it('drops bad parameters one by one and keeps the rest', () => {
    const view = parseLocation(
      '/',
      '?q=nerf&topics=llm,bogus,llm&mode=sideways&sort=random&date=2025-02-30&view=year&scope=galaxy&code=maybe',
    );
    expect(view.query).toEqual({ ...EMPTY_QUERY, q: 'nerf', topics: ['llm'] });
    expect(view.date).toBeNull();
    expect(view.view).toBe('day');
    expect(view.scope).toBe('range');
  });

  it('knows the pages', () => {
    expect(parseLocation('/papers/sparsenerf-x', '').page).toEqual({
      name: 'paper',
      id: 'sparsenerf-x',
    });
    expect(parseLocation('/saved/', '').page).toEqual({ name: 'saved' });
    expect(parseLocation('/subscribe', '').page).toEqual({ name: 'subscribe' });
    expect(parseLocation('/papers/%E0%A4%A', '').page).toEqual({
      name: 'notfound',
      path: '/papers/%E0%A4%A',
    });
    expect(parseLocation('/papers/<script>', '').page.name).toBe('notfound');
    expect(parseLocation('/nope', '').page).toEqual({ name: 'notfound', path: '/nope' });
  });

  it('remembers a paper opened from the Saved list, with the list view kept', () => {
    const view = parseLocation('/papers/sparsenerf-x', '?q=depth&from=saved');
    expect(view.page).toEqual({ name: 'paper', id: 'sparsenerf-x', from: 'saved' });
    expect(toUrl(view)).toBe('/papers/sparsenerf-x?q=depth&from=saved');
    expect(toUrl(parseLocation('/papers/sparsenerf-x', '?from=saved'))).toBe(
      '/papers/sparsenerf-x?from=saved',
    );
    expect(parseLocation('/papers/sparsenerf-x', '?from=elsewhere').page).not.toHaveProperty(
      'from',
    );
  });

  it('writes only what differs from the defaults', () => {
    expect(toUrl(DEFAULT_VIEW)).toBe('/');
    expect(
      toUrl({ ...DEFAULT_VIEW, query: { ...EMPTY_QUERY, topics: ['3d-vision', 'llm'] } }),
    ).toBe('/?topics=3d-vision,llm');
  });

  it('round-trips any view through its URL', () => {
    const topicIds = TOPIC_META.map((t) => t.id);
    const view: fc.Arbitrary<ViewState> = fc
      .record({
        page: fc.oneof(
          fc.constant({ name: 'feed' as const }),
          fc.constant({ name: 'saved' as const }),
          fc
            .stringMatching(/^[a-z0-9]+(-[a-z0-9]+){0,4}$/)
            .map((id) => ({ name: 'paper' as const, id })),
        ),
        query: fc.record({
          q: fc.string({ maxLength: 40 }),
          topics: fc.uniqueArray(fc.constantFrom(...topicIds), { maxLength: 4 }),
          topicMode: fc.constantFrom('any' as const, 'all' as const),
          hasCode: fc.boolean(),
          hideRead: fc.boolean(),
          onlyNew: fc.boolean(),
          sort: fc.constantFrom(...SORTS),
          like: fc.constantFrom('', 'Sparse training'),
        }),
        date: fc.option(
          fc
            .integer({ min: 0, max: 3000 })
            .map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)),
          { nil: null },
        ),
        view: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
        scope: fc.constantFrom('range' as const, 'all' as const),
        collection: fc.constantFrom('Sparse training', 'A&B = "c"', 'ünïcode'),
      })
      // Only the Saved page carries a collection; only "For you" a collection to rank by.
      .map((v) => ({
        ...v,
        collection: v.page.name === 'saved' ? v.collection : null,
        query: { ...v.query, like: v.query.sort === 'foryou' ? v.query.like : '' },
      }));
    fc.assert(
      fc.property(view, (v) => {
        const url = new URL(toUrl(v), 'http://x');
        expect(parseLocation(url.pathname, url.search)).toEqual(v);
      }),
      { seed: 3, numRuns: 500 },
    );
  });
});
