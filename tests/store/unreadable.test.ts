/** Stored data that parses but cannot be read, and data written by a newer Paperboy. */
import { describe, expect, it } from 'vitest';
import { makeStore } from '../../src/store';
import { BACKUP_KEY, STORAGE_KEY } from '../../src/store/storage';
import { MemoryStorage, fakeFetch } from '../helpers';

const storeWith = (storage: Storage) =>
  makeStore({ fetcher: fakeFetch(), storage: () => storage, listen: false, now: () => 5 });
const PAPER = { id: 'sparsenerf', date: '2025-09-19', title: 'SparseNeRF' };

describe('stored data of the wrong shape', () => {
  const stored = JSON.stringify({
    version: 1,
    state: { saved: 'not a list', read: { sparsenerf: { date: '2025-09-19', at: 1 } } },
  });

  it('keeps a copy, offers it as a download, and says exactly what was left out, once', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, stored);
    const store = storeWith(storage);
    const notices = store.getState().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toBe(
      `Some of your saved Paperboy data could not be read as it was: saved papers were unreadable. Everything else was kept. A copy of the data as it was is kept in this browser under "${BACKUP_KEY}"; download it to keep it safe.`,
    );
    expect(notices[0]!.download).toEqual({
      label: 'Download the unreadable data',
      fileName: 'paperboy-unreadable-data.json',
      type: 'application/json',
      text: stored,
    });
    expect(Object.keys(store.getState().read)).toEqual(['sparsenerf']);
    // Changes after it are saved, and the copy stays.
    store.getState().toggleSaved(PAPER);
    expect(storage.getItem(BACKUP_KEY)).toBe(stored);
    expect(Object.keys(storeWith(storage).getState().saved)).toEqual(['sparsenerf']);
  });

  it('another shape entirely: started fresh, and the notice does not claim anything was kept', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '[1, 2, 3]');
    const [notice] = storeWith(storage).getState().notices;
    expect(notice!.text).toMatch(
      /^Your saved Paperboy data could not be read \(it is not in Paperboy's format\), so Paperboy started fresh\. A copy/,
    );
    expect(notice!.text).not.toMatch(/was kept\./);
    expect(notice!.download!.text).toBe('[1, 2, 3]');
    expect(storage.getItem(BACKUP_KEY)).toBe('[1, 2, 3]');
  });

  it('invalid JSON: the copy is offered as a text file', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{"state": {');
    const [notice] = storeWith(storage).getState().notices;
    expect(notice!.download).toMatchObject({
      fileName: 'paperboy-unreadable-data.txt',
      text: '{"state": {',
    });
  });
});

describe('data written by a newer version', () => {
  const newer = JSON.stringify({
    version: 2,
    state: {
      saved: { sparsenerf: { date: '2025-09-19', title: 'SparseNeRF', savedAt: 1 } },
      tags: {},
    },
  });
  const MESSAGE =
    'Your saved data was written by a newer version of Paperboy (data version 2; this version reads version 1). It is kept unchanged, and changes made now are not saved. What this version understands of it is shown.';

  it('is shown as far as understood, never overwritten, and the notice says so', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, newer);
    const store = storeWith(storage);
    expect(store.getState().notices.map((n) => n.text)).toEqual([MESSAGE]);
    expect(Object.keys(store.getState().saved)).toEqual(['sparsenerf']);
    store.getState().toggleSaved({ ...PAPER, id: 'another' });
    store.getState().markRead(PAPER);
    store.getState().setTheme('dark');
    expect(storage.getItem(STORAGE_KEY)).toBe(newer);
  });

  it('written by a newer tab while this one is open: not overwritten either', () => {
    const storage = new MemoryStorage();
    const store = storeWith(storage);
    store.getState().toggleSaved(PAPER);
    storage.setItem(STORAGE_KEY, newer);
    store.getState().markRead(PAPER);
    expect(storage.getItem(STORAGE_KEY)).toBe(newer);
    expect(store.getState().notices.map((n) => n.text)).toEqual([MESSAGE]);
  });
});
