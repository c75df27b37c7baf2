import { describe, expect, it } from 'vitest';
import { createLocalArchiveClient, type ArchiveClient } from '../../src/lib/archive-client';
import { makeStore } from '../../src/store';
import { NOTE_MAX, PERSONAL_VERSION } from '../../src/store/personal';
import { STORAGE_KEY } from '../../src/store/storage';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStorage, ROOT, fakeFetch } from '../helpers';

// Generous: a loaded 2-core CI machine can take seconds to load and validate a day.
const until = async (check: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

function storeWith(storage: Storage = new MemoryStorage(), fetcher = fakeFetch()) {
  return makeStore({
    fetcher,
    storage: () => storage,
    archive: () => createLocalArchiveClient(fetcher),
    now: () => Date.parse('2025-09-20T08:00:00Z'),
  });
}

const SPARSENERF = {
  id: 'sparsenerf-distilling-depth-ranking-for-few-shot-novel-view-synthesis',
  date: '2025-09-19',
  title: 'SparseNeRF: Distilling Depth Ranking for Few-shot Novel View Synthesis',
};

describe('dataset slice', () => {
  it('loads the index, then a day on request', async () => {
    const store = storeWith();
    await store.getState().loadIndex();
    expect(store.getState().indexStatus).toBe('ready');
    expect(store.getState().index!.days.map((d) => d.date)).toEqual(['2025-09-19']);
    store.getState().ensureDays(['2025-09-19']);
    expect(store.getState().days['2025-09-19']).toEqual({ status: 'loading' });
    await until(() => store.getState().days['2025-09-19']?.status === 'ready');
    const day = store.getState().days['2025-09-19'];
    expect(day?.status === 'ready' && day.papers).toHaveLength(63);
  });

  it('says what is wrong with a missing or truncated index, and with a wrong version', async () => {
    const missing = storeWith(
      new MemoryStorage(),
      fakeFetch(undefined, { '/data/index.json': 404 }),
    );
    await missing.getState().loadIndex();
    expect(missing.getState().indexError).toBe(
      '/data/index.json is missing (HTTP 404). Re-run the ingest step or restore the file, then reload.',
    );
    const truncated = storeWith(
      new MemoryStorage(),
      fakeFetch(undefined, { '/data/index.json': '{"schemaVersion": 1, "days": [' }),
    );
    await truncated.getState().loadIndex();
    expect(truncated.getState().indexError).toMatch(/is not valid JSON \(truncated or corrupt\)/);
    const newer = storeWith(
      new MemoryStorage(),
      fakeFetch(undefined, { '/data/index.json': '{"schemaVersion": 2}' }),
    );
    await newer.getState().loadIndex();
    expect(newer.getState().indexError).toMatch(
      /has schema version 2; this Paperboy reads version 1/,
    );
  });

  it('marks a missing day as an error and keeps the good papers of a damaged one', async () => {
    const store = storeWith(
      new MemoryStorage(),
      fakeFetch(undefined, { '/data/days/2025-09-18.json': 404 }),
    );
    store.getState().ensureDays(['2025-09-18']);
    await until(() => store.getState().days['2025-09-18']?.status === 'error');
    const good = { schemaVersion: 1, date: '2025-09-17', papers: [{ id: 'x' }] };
    const damaged = storeWith(
      new MemoryStorage(),
      fakeFetch(undefined, { '/data/days/2025-09-17.json': JSON.stringify(good) }),
    );
    damaged.getState().ensureDays(['2025-09-17']);
    await until(() => damaged.getState().days['2025-09-17']?.status === 'ready');
    expect(damaged.getState().notices[0]!.text).toMatch(
      /^1 of 1 papers of 2025-09-17 could not be shown/,
    );
  });

  it("names the damage when a day file's own fields are bad but its papers are sound", async () => {
    const day = JSON.parse(readFileSync(join(ROOT, 'data/days/2025-09-19.json'), 'utf8'));
    delete day.date;
    const store = storeWith(
      new MemoryStorage(),
      fakeFetch(undefined, { '/data/days/2025-09-19.json': JSON.stringify(day) }),
    );
    store.getState().ensureDays(['2025-09-19']);
    await until(() => store.getState().days['2025-09-19']?.status === 'ready');
    const text = store.getState().notices[0]!.text;
    expect(text).toBe(
      '/data/days/2025-09-19.json is damaged (date: expected string); its 63 papers are shown. Re-run the ingest step to repair it.',
    );
    expect(text).not.toMatch(/undefined|0 of/);
  });
});

describe('personal state in the browser', () => {
  it('keeps saved papers and read marks across a reload', () => {
    const storage = new MemoryStorage();
    const first = storeWith(storage);
    first.getState().toggleSaved(SPARSENERF);
    first.getState().markRead(SPARSENERF);
    first.getState().toggleFollow('sparsity');
    const second = storeWith(storage);
    expect(Object.keys(second.getState().saved)).toEqual([SPARSENERF.id]);
    expect(second.getState().read[SPARSENERF.id]).toBeDefined();
    expect(second.getState().followed).toEqual(['sparsity']);
    second.getState().toggleSaved(SPARSENERF);
    expect(storeWith(storage).getState().saved).toEqual({});
  });

  it('keeps a note on a saved paper across a reload; an import adds notes, never replaces', async () => {
    const storage = new MemoryStorage();
    const first = storeWith(storage);
    first.getState().setNote(SPARSENERF.id, 'not saved: ignored');
    expect(first.getState().saved).toEqual({});
    first.getState().toggleSaved(SPARSENERF);
    first.getState().setNote(SPARSENERF.id, 'x'.repeat(NOTE_MAX + 50));
    expect(first.getState().saved[SPARSENERF.id]!.note).toHaveLength(NOTE_MAX);
    first.getState().setNote(SPARSENERF.id, 'Depth prior: try on our scans');
    expect(storeWith(storage).getState().saved[SPARSENERF.id]!.note).toBe(
      'Depth prior: try on our scans',
    );
    first.getState().setNote(SPARSENERF.id, '  ');
    expect(first.getState().saved[SPARSENERF.id]).not.toHaveProperty('note');

    const entry = { ...first.getState().saved[SPARSENERF.id]!, note: 'from the other laptop' };
    const incoming = { ...first.getState(), saved: { [SPARSENERF.id]: entry } };
    expect((await first.getState().mergePersonal(incoming)).notes).toBe(1);
    expect(first.getState().saved[SPARSENERF.id]!.note).toBe('from the other laptop');
    const other = { ...entry, note: 'a different note' };
    expect(
      (await first.getState().mergePersonal({ ...incoming, saved: { [SPARSENERF.id]: other } }))
        .notes,
    ).toBe(0);
    expect(first.getState().saved[SPARSENERF.id]!.note).toBe('from the other laptop');
  });

  it('recovers from garbage with a notice, and keeps a copy of it', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{not json');
    const store = storeWith(storage);
    expect(store.getState().saved).toEqual({});
    expect(
      store
        .getState()
        .notices.map((n) => n.text)
        .join(),
    ).toMatch(/could not be read \(it is not valid JSON\), so Paperboy started fresh/);
    expect(storage.getItem(`${STORAGE_KEY}:unreadable`)).toBe('{not json');
  });

  it('keeps every readable saved paper when some entries are broken', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        version: PERSONAL_VERSION,
        state: {
          saved: {
            [SPARSENERF.id]: { date: '2025-09-19', title: 'x', savedAt: 1 },
            'Bad Id!': { date: 'x' },
            other: 'nope',
          },
          theme: 'neon',
        },
      }),
    );
    const store = storeWith(storage);
    expect(Object.keys(store.getState().saved)).toEqual([SPARSENERF.id]);
    expect(store.getState().theme).toBe('system');
    expect(store.getState().notices[0]!.text).toMatch(
      /^Some of your saved Paperboy data could not be read as it was: 2 saved papers were unreadable\. Everything else was kept\./,
    );
  });

  it('migrates the version 0 format', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        version: 0,
        state: {
          saved: [{ id: SPARSENERF.id, date: '2025-09-19', title: 'SparseNeRF' }],
          read: [{ id: 'r-sparse', date: '2025-09-19' }],
        },
      }),
    );
    const store = storeWith(storage);
    expect(store.getState().saved[SPARSENERF.id]).toMatchObject({
      date: '2025-09-19',
      title: 'SparseNeRF',
      // Dated by the store's clock, not the machine's.
      savedAt: Date.parse('2025-09-20T08:00:00Z'),
    });
    expect(Object.keys(store.getState().read)).toEqual(['r-sparse']);
    // The migrated state was written back under the current version.
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).version).toBe(PERSONAL_VERSION);
  });

  it("treats another app's data under our key as unreadable, without crashing", () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify(['someone', 'else']));
    expect(storeWith(storage).getState().notices[0]!.text).toMatch(
      /could not be read \(it is not in Paperboy's format\), so Paperboy started fresh/,
    );
  });

  it('tells the reader when storage is full and keeps working', () => {
    const storage = new MemoryStorage(200);
    const store = storeWith(storage);
    store.getState().toggleSaved(SPARSENERF);
    store.getState().toggleSaved({ ...SPARSENERF, id: 'another-paper' });
    expect(Object.keys(store.getState().saved)).toHaveLength(2);
    expect(
      store
        .getState()
        .notices.map((n) => n.text)
        .join(),
    ).toMatch(/Browser storage is full/);
  });
});

describe('view slice', () => {
  it('toggles topics, clears filters and resets the cursor', () => {
    const store = storeWith();
    store.getState().setCursor(5);
    store.getState().toggleTopic('llm');
    store.getState().toggleTopic('sparsity');
    store.getState().setFlag('hasCode', true);
    expect(store.getState().query).toMatchObject({ topics: ['llm', 'sparsity'], hasCode: true });
    expect(store.getState().cursor).toBe(-1);
    store.getState().toggleTopic('llm');
    expect(store.getState().query.topics).toEqual(['sparsity']);
    store.getState().clearFilters();
    expect(store.getState().query).toMatchObject({ topics: [], hasCode: false });
  });

  it('goes back to the list when the reader searches from a paper page', () => {
    const store = storeWith();
    store.getState().applyLocation('/papers/abc', '');
    store.getState().setQueryText('nerf');
    expect(store.getState().page).toEqual({ name: 'feed' });
  });
});

describe('archive slice', () => {
  it('answers an all-days query from the archive', async () => {
    const store = storeWith();
    await store.getState().loadIndex();
    store.getState().setQueryText('assimilaton');
    await store.getState().queryArchive('k1');
    const result = store.getState().archiveResult!;
    expect(result.key).toBe('k1');
    expect(result.ids).toHaveLength(3);
    expect(result.first.map((p) => p.id)).toEqual(result.ids);
  });
});

describe('archive slice: the first search of All days', () => {
  /** A client that records calls and holds the load until told. */
  function heldLoad() {
    const calls: string[] = [];
    const inner = createLocalArchiveClient(fakeFetch());
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const client: ArchiveClient = {
      preload: () => inner.preload(),
      load: async (dates, progress) => {
        calls.push('load');
        const report = await inner.load(dates, progress);
        await held;
        return report;
      },
      // As from the split index: a result without its papers (the rows are fetched apart),
      // of a day the page has not loaded.
      query: async (query, context) => {
        calls.push(`query ${query.q}`);
        const result = await inner.query(query, context);
        return { ...result, first: [], dates: result.dates.map(() => '2025-09-18') };
      },
      papers: (ids) => {
        calls.push(`papers ${ids.length}`);
        return inner.papers(ids);
      },
    };
    const store = makeStore({
      fetcher: fakeFetch(),
      storage: () => new MemoryStorage(),
      archive: () => client,
      now: () => Date.parse('2025-09-20T08:00:00Z'),
    });
    return { store, calls, release };
  }

  it('asks its query with the load, not after the load has answered', async () => {
    const { store, calls, release } = heldLoad();
    await store.getState().loadIndex();
    store.getState().setQueryText('sparse');
    const done = store.getState().queryArchive('k1');
    await until(() => calls.includes('query sparse'));
    expect(store.getState().archiveStatus).toBe('loading');
    release();
    await done;
    expect(store.getState().archiveResult?.key).toBe('k1');
  });

  it('asks for the first rows of a result as it arrives, before any list shows it', async () => {
    const { store, calls, release } = heldLoad();
    release();
    await store.getState().loadIndex();
    store.getState().setQueryText('gaussian');
    await store.getState().queryArchive('k1');
    const ids = store.getState().archiveResult!.ids;
    expect(ids.length).toBeGreaterThan(0);
    // No list rendered here: the store itself asked for the top rows.
    expect(ids.slice(0, 3).some((id) => id in store.getState().archivePapers)).toBe(false);
    await until(() => calls.some((c) => c.startsWith('papers')));
    await until(() => ids.slice(0, 3).every((id) => id in store.getState().archivePapers));
  });
});

describe('visits', () => {
  it('counts from what the reader had seen when a newer day arrives', () => {
    const store = storeWith();
    store.getState().recordVisit('2025-09-19', 1000);
    expect(store.getState().visits).toEqual({
      lastSeenDay: null,
      lastVisitAt: null,
      currentDay: '2025-09-19',
      currentVisitAt: 1000,
    });
    store.getState().recordVisit('2025-09-19', 2000);
    expect(store.getState().visits.lastSeenDay).toBeNull();
    store.getState().recordVisit('2025-09-22', 3000);
    expect(store.getState().visits).toEqual({
      lastSeenDay: '2025-09-19',
      lastVisitAt: 2000,
      currentDay: '2025-09-22',
      currentVisitAt: 3000,
    });
  });
});

describe('two tabs, one storage', () => {
  const paper = (id: string) => ({ id, date: '2025-09-19', title: id });
  const tabs = () => {
    const storage = new MemoryStorage();
    return { storage, a: storeWith(storage), b: storeWith(storage) };
  };
  const stored = (storage: Storage) => JSON.parse(storage.getItem(STORAGE_KEY)!).state;

  it('keeps the papers saved in each tab, though each wrote without seeing the other', () => {
    const { storage, a, b } = tabs();
    a.getState().toggleSaved(paper('one'));
    a.getState().toggleSaved(paper('two'));
    b.getState().toggleSaved(paper('three'));
    expect(Object.keys(stored(storage).saved).sort()).toEqual(['one', 'three', 'two']);
  });

  it("keeps one tab's read marks when the other changes the theme", () => {
    const { storage, a, b } = tabs();
    a.getState().markRead(paper('r1'));
    a.getState().markRead(paper('r2'));
    b.getState().setTheme('dark');
    expect(Object.keys(stored(storage).read).sort()).toEqual(['r1', 'r2']);
    expect(stored(storage).theme).toBe('dark');
  });

  it('takes an unsave in one tab to the other, and shows the merge in the tab that wrote', async () => {
    const { storage, a, b } = tabs();
    a.getState().toggleSaved(paper('one'));
    await b.persist.rehydrate(); // what a storage event does in the browser
    expect(Object.keys(b.getState().saved)).toEqual(['one']);
    b.getState().toggleSaved(paper('one'));
    a.getState().toggleSaved(paper('two'));
    expect(Object.keys(stored(storage).saved)).toEqual(['two']);
    await until(() => Object.keys(a.getState().saved).join() === 'two');
  });
});
