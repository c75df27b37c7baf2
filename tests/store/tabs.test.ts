/**
 * Tabs writing at once, as Chromium does it: each tab reads and writes its own copy of local
 * storage, and a write reaches the other tabs (with a storage event) only later. Nothing any tab
 * did may be lost, deletes included.
 */
import { describe, expect, it } from 'vitest';
import { makeStore, type AppStore } from '../../src/store';
import { STORAGE_KEY } from '../../src/store/storage';
import { fakeFetch } from '../helpers';

/** One browser's storage: the stored truth, one cached copy per tab, writes delivered later. */
class Browser {
  truth = new Map<string, string>();
  private tabs: { cache: Map<string, string>; store: AppStore }[] = [];
  private queue: (() => void)[] = [];

  open(): AppStore {
    const cache = new Map(this.truth);
    const deliver = (key: string, value: string, from: typeof cache) => {
      this.truth.set(key, value);
      for (const tab of this.tabs)
        if (tab.cache !== from) {
          tab.cache.set(key, value);
          // The storage event: what makeStore's listener does.
          if (key === STORAGE_KEY) void tab.store.persist.rehydrate();
        }
    };
    const view: Storage = {
      get length() {
        return cache.size;
      },
      clear: () => cache.clear(),
      key: (i) => [...cache.keys()][i] ?? null,
      getItem: (key) => cache.get(key) ?? null,
      removeItem: (key) => void cache.delete(key),
      setItem: (key, value) => {
        cache.set(key, value);
        this.queue.push(() => deliver(key, value, cache));
      },
    };
    const fetcher = fakeFetch();
    const store = makeStore({
      fetcher,
      storage: () => view,
      listen: false,
      now: () => Date.parse('2025-09-20T08:00:00Z'),
    });
    this.tabs.push({ cache, store });
    return store;
  }

  /** Delivers every pending write (and those the deliveries cause); throws if it never settles. */
  settle() {
    for (let n = 0; this.queue.length; n++) {
      if (n > 10_000) throw new Error('the tabs never stop writing');
      this.queue.shift()!();
    }
  }
}

const paper = (id: string) => ({ id, date: '2025-09-19', title: id });
const ids = (record: object) => Object.keys(record).sort();
const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('tabs writing at once', () => {
  it('5 tabs marking 3 papers read each, then 3 tabs saving 6 each: a new tab has all 33', () => {
    const browser = new Browser();
    const tabs = Array.from({ length: 5 }, () => browser.open());
    // Every click lands before any write reaches another tab.
    tabs.forEach((tab, i) =>
      range(`read-${i}`, 3).forEach((id) => tab.getState().markRead(paper(id))),
    );
    tabs
      .slice(0, 3)
      .forEach((tab, i) =>
        range(`save-${i}`, 6).forEach((id) => tab.getState().toggleSaved(paper(id))),
      );
    browser.settle();
    const fresh = browser.open();
    expect(ids(fresh.getState().read)).toHaveLength(15);
    expect(ids(fresh.getState().saved)).toHaveLength(18);
    // And every open tab shows them all too.
    for (const tab of tabs) {
      expect(ids(tab.getState().read)).toEqual(ids(fresh.getState().read));
      expect(ids(tab.getState().saved)).toEqual(ids(fresh.getState().saved));
    }
  });

  it('an unsave in tab A while tab B saves another paper: both kept', () => {
    const browser = new Browser();
    const a = browser.open();
    const b = browser.open();
    a.getState().toggleSaved(paper('x'));
    browser.settle();
    expect(ids(b.getState().saved)).toEqual(['x']);
    a.getState().toggleSaved(paper('x')); // unsave
    b.getState().toggleSaved(paper('y'));
    browser.settle();
    for (const tab of [a, b, browser.open()]) expect(ids(tab.getState().saved)).toEqual(['y']);
  });

  it('an unread in tab A while tab B marks another read, and B unfollows what A follows', () => {
    const browser = new Browser();
    const a = browser.open();
    const b = browser.open();
    a.getState().markRead(paper('r'));
    a.getState().toggleFollow('sparsity');
    browser.settle();
    a.getState().toggleRead(paper('r')); // unread
    b.getState().markRead(paper('s'));
    b.getState().toggleFollow('sparsity'); // unfollow
    a.getState().toggleFollow('site-benchmarks');
    browser.settle();
    for (const tab of [a, b, browser.open()]) {
      expect(ids(tab.getState().read)).toEqual(['s']);
      expect(tab.getState().followed).toEqual(['site-benchmarks']);
    }
  });

  it('a note edited in one tab and a theme changed in the other: both kept', () => {
    const browser = new Browser();
    const a = browser.open();
    const b = browser.open();
    a.getState().toggleSaved(paper('x'));
    browser.settle();
    a.getState().setNote('x', 'try on our scans');
    b.getState().setTheme('dark');
    browser.settle();
    const fresh = browser.open();
    expect(fresh.getState().saved.x!.note).toBe('try on our scans');
    expect(fresh.getState().theme).toBe('dark');
  });
});
