import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createStore } from 'zustand/vanilla';
import { PaperList } from '../../src/components/paper-list';
import { buildPaper } from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import { seedText } from '../helpers';

const papers = parseDigest(seedText(), { year: 2025 }).slice(0, 5).map(buildPaper);
afterEach(cleanup);

describe('the paper list', () => {
  it('re-renders only the row whose paper was saved', () => {
    const store = createStore<{ saved: Record<string, true> }>(() => ({ saved: {} }));
    const calls = new Map<string, number>();
    const usePaperState = (id: string) => {
      calls.set(id, (calls.get(id) ?? 0) + 1);
      return useStore(
        store,
        useShallow((s) => ({ saved: Object.hasOwn(s.saved, id), note: undefined, read: false })),
      );
    };
    const noop = () => {};
    render(
      <PaperList
        items={papers.map((p) => ({ id: p.id, date: p.date, paper: p }))}
        resolve={(item) => item.paper}
        grouped={false}
        matches={[]}
        hrefFor={(id) => `/papers/${id}`}
        topicHref={(t) => `/?topics=${t}`}
        authorHref={(name) => `/?q=${name}`}
        usePaperState={usePaperState}
        isNew={() => false}
        cursor={-1}
        onToggleSaved={noop}
        onToggleRead={noop}
        onOpen={noop}
      />,
    );
    const first = papers[0]!;
    calls.clear();
    act(() => store.setState({ saved: { [first.id]: true } }));
    expect([...calls]).toEqual([[first.id, 1]]);
    const card = screen.getAllByRole('article')[0]!;
    expect(within(card).getByRole('button', { name: /^Save/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('asks for the papers of a short list as their rows come near the screen, again for a new list', () => {
    // jsdom has no IntersectionObserver: this one says which rows are near when told.
    const observed = new Map<Element, (entries: { isIntersecting: boolean }[]) => void>();
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly callback: (entries: { isIntersecting: boolean }[]) => void) {}
        observe(el: Element) {
          observed.set(el, this.callback);
        }
        disconnect() {
          for (const [el, cb] of observed) if (cb === this.callback) observed.delete(el);
        }
      },
    );
    const asked: string[][] = [];
    const noop = () => {};
    const list = (items: typeof papers) => (
      <PaperList
        items={items.map((p) => ({ id: p.id, date: p.date, paper: null }))}
        resolve={() => null}
        grouped={false}
        matches={[]}
        hrefFor={(id) => `/papers/${id}`}
        topicHref={(t) => `/?topics=${t}`}
        authorHref={(name) => `/?q=${name}`}
        usePaperState={() => ({ saved: false, note: undefined, read: false })}
        isNew={() => false}
        cursor={-1}
        onToggleSaved={noop}
        onToggleRead={noop}
        onOpen={noop}
        onNeedPapers={(ids) => asked.push(ids)}
      />
    );
    try {
      const { rerender } = render(list(papers));
      // Placeholders, and nothing asked for until a row is near the screen.
      expect(screen.queryAllByRole('article')).toHaveLength(0);
      expect(asked).toEqual([]);
      const rows = [...observed.keys()];
      expect(rows).toHaveLength(papers.length);
      act(() => {
        for (const row of rows.slice(0, 2)) observed.get(row)!([{ isIntersecting: true }]);
      });
      expect(asked).toEqual([[papers[0]!.id], [papers[1]!.id]]);
      // A row asks once; one far away does not ask.
      act(() => observed.get(rows[3]!)?.([{ isIntersecting: false }]));
      expect(asked).toHaveLength(2);
      expect(observed.has(rows[0]!)).toBe(false);
      // A new result (the same papers in another order) asks again for what is near.
      rerender(list([...papers].reverse()));
      act(() => {
        for (const [, cb] of [...observed].slice(0, 1)) cb([{ isIntersecting: true }]);
      });
      expect(asked).toHaveLength(3);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
