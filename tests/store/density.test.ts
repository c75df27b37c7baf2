import { describe, expect, it } from 'vitest';
import { createLocalArchiveClient } from '../../src/lib/archive-client';
import { makeStore } from '../../src/store';
import { PERSONAL_VERSION, restorePersonal } from '../../src/store/personal';
import { selectDensity } from '../../src/store/selectors';
import { STORAGE_KEY } from '../../src/store/storage';
import { MemoryStorage, fakeFetch } from '../helpers';

const storeWith = (storage: Storage) =>
  makeStore({
    fetcher: fakeFetch(),
    storage: () => storage,
    archive: () => createLocalArchiveClient(fakeFetch()),
    now: () => Date.parse('2025-09-20T08:00:00Z'),
  });

describe('density', () => {
  it('is cards by default, and a compact choice is remembered in this browser', () => {
    const storage = new MemoryStorage();
    const store = storeWith(storage);
    expect(selectDensity(store.getState())).toBe('card');
    store.getState().setDensity('compact');
    const stored = JSON.parse(storage.getItem(STORAGE_KEY)!) as { state: { density: string } };
    expect(stored.state.density).toBe('compact');
    expect(selectDensity(storeWith(storage).getState())).toBe('compact');
  });

  it('falls back to cards for anything else in storage, without a notice', () => {
    expect(restorePersonal({ density: 'tiny' }, PERSONAL_VERSION)).toMatchObject({
      state: { density: 'card' },
      problems: [],
    });
    expect(restorePersonal({ density: 'compact' }, PERSONAL_VERSION).state.density).toBe('compact');
  });
});
