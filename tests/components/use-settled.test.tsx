import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS, useSettled } from '../../src/app/list/use-settled';

interface Props {
  items: string[];
  cursor: number;
}

const HELD = ['items'] as const;

/** The hook with the query typed so far (`q`): each keystroke is a new `q`. */
function setup(active = true) {
  const first: Props = { items: ['a'], cursor: 0 };
  return renderHook(
    ({ props, on, q = '' }: { props: Props; on: boolean; q?: string }) =>
      useSettled(props, HELD, on, q),
    { initialProps: { props: first, on: active } as { props: Props; on: boolean; q?: string } },
  );
}

describe('useSettled: the list keeps still while a search is typed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the first change after a quiet spell at once', () => {
    const { result, rerender } = setup();
    act(() => vi.advanceTimersByTime(SETTLE_MS * 2));
    rerender({ props: { items: ['b'], cursor: 0 }, on: true });
    expect(result.current.items).toEqual(['b']);
  });

  it('holds the results of quick keystrokes until typing stops, then shows the last', () => {
    const { result, rerender } = setup();
    act(() => vi.advanceTimersByTime(SETTLE_MS * 2));
    rerender({ props: { items: ['b'], cursor: 0 }, on: true, q: 'b' });
    for (const next of ['c', 'd', 'e']) {
      act(() => vi.advanceTimersByTime(SETTLE_MS / 3));
      rerender({ props: { items: [next], cursor: 0 }, on: true, q: `b${next}` });
      expect(result.current.items).toEqual(['b']);
    }
    act(() => vi.advanceTimersByTime(SETTLE_MS));
    expect(result.current.items).toEqual(['e']);
  });

  it('passes the fields it does not hold (the cursor, rows arriving) at once', () => {
    const { result, rerender } = setup();
    act(() => vi.advanceTimersByTime(SETTLE_MS * 2));
    rerender({ props: { items: ['b'], cursor: 0 }, on: true, q: 'b' });
    rerender({ props: { items: ['c'], cursor: 3 }, on: true, q: 'bc' });
    expect(result.current).toEqual({ items: ['b'], cursor: 3 });
  });

  it('does not put the update off for renders that change only other fields', () => {
    const { result, rerender } = setup();
    act(() => vi.advanceTimersByTime(SETTLE_MS * 2));
    rerender({ props: { items: ['b'], cursor: 0 }, on: true, q: 'b' });
    const latest = { items: ['c'], cursor: 0 };
    rerender({ props: latest, on: true, q: 'bc' });
    for (let i = 0; i < 4; i++) {
      act(() => vi.advanceTimersByTime(SETTLE_MS / 3));
      rerender({ props: { ...latest, cursor: i }, on: true, q: 'bc' });
    }
    expect(result.current.items).toEqual(['c']);
  });

  it('never shows what it held before it was last turned on (a day list, then All days)', () => {
    const { result, rerender } = setup(false);
    rerender({ props: { items: ['day'], cursor: 0 }, on: false });
    act(() => vi.advanceTimersByTime(SETTLE_MS * 2));
    rerender({ props: { items: ['all'], cursor: 0 }, on: true });
    expect(result.current.items).toEqual(['all']);
    // A burst right after: held at the value it was turned on with.
    rerender({ props: { items: ['all-b'], cursor: 0 }, on: true, q: 'b' });
    rerender({ props: { items: ['all-c'], cursor: 0 }, on: true, q: 'bc' });
    expect(result.current.items).not.toEqual(['day']);
    act(() => vi.advanceTimersByTime(SETTLE_MS));
    expect(result.current.items).toEqual(['all-c']);
    rerender({ props: { items: ['day-2'], cursor: 0 }, on: false });
    expect(result.current.items).toEqual(['day-2']);
    rerender({ props: { items: ['all-d'], cursor: 0 }, on: true });
    expect(result.current.items).toEqual(['all-d']);
  });

  it('shows a result that comes after typing stopped at once, however recently the list changed', () => {
    // All days opened and a query typed at once: the list changes as the index opens (the
    // loading list), and the result comes later, long after the last keystroke.
    const { result, rerender } = setup();
    rerender({ props: { items: ['a'], cursor: 0 }, on: true, q: 'gaussian splatting' });
    act(() => vi.advanceTimersByTime(SETTLE_MS * 2));
    rerender({ props: { items: [], cursor: 0 }, on: true, q: 'gaussian splatting' });
    expect(result.current.items).toEqual([]);
    act(() => vi.advanceTimersByTime(SETTLE_MS / 3));
    rerender({ props: { items: ['result'], cursor: 0 }, on: true, q: 'gaussian splatting' });
    expect(result.current.items).toEqual(['result']);
  });

  it('holds nothing when it is off (a day or a week: small lists)', () => {
    const { result, rerender } = setup(false);
    rerender({ props: { items: ['b'], cursor: 0 }, on: false });
    rerender({ props: { items: ['c'], cursor: 0 }, on: false });
    expect(result.current.items).toEqual(['c']);
  });
});
