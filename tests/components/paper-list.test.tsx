import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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
});
