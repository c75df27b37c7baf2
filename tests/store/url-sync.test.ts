import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPLACE_EVERY_MS, flushUrl, startUrlSync } from '../../src/app/shell/url-sync';
import { makeStore } from '../../src/store';
import { MemoryStorage, fakeFetch } from '../helpers';

/** A window with just what the URL sync uses, recording the history calls. */
function fakeWindow(url: string) {
  const location = new URL(url, 'http://localhost');
  const calls: [string, string][] = [];
  const write = (kind: string) => (_state: unknown, _title: string, next: string) => {
    calls.push([kind, next]);
    const u = new URL(next, location);
    location.pathname = u.pathname;
    location.search = u.search;
  };
  const win = {
    location,
    history: { pushState: write('push'), replaceState: write('replace') },
    addEventListener: () => {},
    removeEventListener: () => {},
  } as unknown as Window;
  return { win, calls };
}

describe('the address bar while typing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pushes the first letter, then writes a search typed letter by letter once it pauses', () => {
    const store = makeStore({ fetcher: fakeFetch(), storage: () => new MemoryStorage() });
    const { win, calls } = fakeWindow('/');
    const stop = startUrlSync(store, win);
    for (const q of ['s', 'sp', 'spa', 'spar', 'spars', 'sparse']) {
      store.getState().setQueryText(q);
      vi.advanceTimersByTime(30);
    }
    // The first letter is a new entry; the next one replaces it at once; the rest wait.
    expect(calls).toEqual([
      ['push', '/?q=s'],
      ['replace', '/?q=sp'],
    ]);
    vi.advanceTimersByTime(REPLACE_EVERY_MS);
    expect(calls.at(-1)).toEqual(['replace', '/?q=sparse']);
    expect(calls).toHaveLength(3);
    expect(win.location.search).toBe('?q=sparse');
    stop();
  });

  it('writes a waiting replacement into its own entry before pushing a new one', () => {
    const store = makeStore({ fetcher: fakeFetch(), storage: () => new MemoryStorage() });
    const { win, calls } = fakeWindow('/');
    const stop = startUrlSync(store, win);
    store.getState().setQueryText('g');
    store.getState().setQueryText('ga');
    store.getState().setQueryText('gau');
    store.getState().setQueryText('gaus');
    store.getState().setSort('newest');
    expect(calls.slice(-2)).toEqual([
      ['replace', '/?q=gaus'],
      ['push', '/?q=gaus&sort=newest'],
    ]);
    vi.advanceTimersByTime(REPLACE_EVERY_MS * 2);
    expect(win.location.search).toBe('?q=gaus&sort=newest');
    stop();
  });

  it('writes a waiting replacement before a link pushes a page outside the store', () => {
    const store = makeStore({ fetcher: fakeFetch(), storage: () => new MemoryStorage() });
    const { win, calls } = fakeWindow('/');
    const stop = startUrlSync(store, win);
    for (const q of ['s', 'sp', 'spa', 'spar', 'spars', 'sparse']) store.getState().setQueryText(q);
    expect(win.location.search).toBe('?q=sp');
    // What navigate.ts does before its pushState: the entry being left gets the whole search.
    flushUrl();
    expect(calls.at(-1)).toEqual(['replace', '/?q=sparse']);
    vi.advanceTimersByTime(REPLACE_EVERY_MS * 2);
    expect(calls).toHaveLength(3);
    stop();
    // A stopped sync writes nothing more.
    store.getState().setQueryText('sparse attention');
    flushUrl();
    expect(calls).toHaveLength(3);
  });
});
