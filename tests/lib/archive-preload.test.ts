/**
 * Archive.preload (issue 23): the split index is opened ahead of the first All-days search, so
 * that search waits for none of its files; a site without the index never downloads its day
 * files for a preload.
 */
import { describe, expect, it } from 'vitest';
import { buildPaper } from '../../src/domain/dataset';
import { parseDigest } from '../../src/domain/digest';
import { EMPTY_QUERY } from '../../src/domain/feed';
import type { Paper } from '../../src/domain/schema';
import { buildShardIndex, paperFragment } from '../../src/domain/search-shards-build';
import { MANIFEST_PATH } from '../../src/domain/search-shards-format';
import { FIRST_ROWS } from '../../src/lib/archive-page';
import { resolveIndexed, unpackTable } from '../../src/lib/archive-result';
import { Archive, type ArchiveQueryContext, type ArchiveSource } from '../../src/lib/archive';
import { seedText } from '../helpers';

const DATES = ['2025-09-17', '2025-09-18', '2025-09-19'];
const CONTEXT: ArchiveQueryContext = {
  read: [],
  followed: [],
  authors: [],
  newSince: null,
  ownTopics: [],
};

function seedDays(): Map<string, Paper[]> {
  const papers = parseDigest(seedText(), { year: 2025 }).map(buildPaper);
  const days = new Map<string, Paper[]>();
  papers.forEach((p, i) => {
    const date = DATES[i % DATES.length]!;
    days.set(date, [...(days.get(date) ?? []), { ...p, date }]);
  });
  return days;
}

/** A site serving the split index (or none), recording every file asked for. */
function site(withIndex: boolean) {
  const days = seedDays();
  const index = buildShardIndex(days, 'test');
  const asked: string[] = [];
  const daysAsked: string[] = [];
  const source: ArchiveSource = {
    dates: DATES,
    loadDay: (date) => {
      daysAsked.push(date);
      return Promise.resolve({ ok: true, value: { papers: days.get(date) ?? [] }, warnings: [] });
    },
    fetchData: (path) => {
      asked.push(path);
      const paper = /\/p\/(\d+)\.json$/.exec(path);
      const body =
        path === MANIFEST_PATH
          ? JSON.stringify(index.manifest)
          : paper
            ? index.papers[Number(paper[1])] && paperFragment(index.papers[Number(paper[1])]!)
            : index.files.get(path);
      if (!withIndex || body === undefined)
        return Promise.resolve(new Response('not found', { status: 404 }));
      return Promise.resolve(new Response(body as BodyInit));
    },
  };
  return { source, asked, daysAsked };
}

const smallFiles = (paths: readonly string[]) =>
  paths.filter((p) => p === MANIFEST_PATH || /\/(ids\.txt|docs\.bin|terms\.bin)$/.test(p));

describe('Archive.preload', () => {
  it('opens the split index, so the first search fetches only its shards', async () => {
    const { source, asked, daysAsked } = site(true);
    const archive = new Archive();
    await expect(archive.preload({ ...source, dates: [] })).resolves.toBe(true);
    expect(smallFiles(asked)).toHaveLength(4);
    const before = asked.length;

    const report = await archive.load(source);
    expect(report.source).toBe('shards');
    const result = await archive.query({ ...EMPTY_QUERY, q: 'diffusion' }, CONTEXT);
    expect(result.ids.length).toBeGreaterThan(0);
    // Nothing of the index was asked for twice; the search asked for shards (and, ahead of the
    // page, the first rows' papers) alone.
    expect(smallFiles(asked)).toHaveLength(4);
    expect(asked.slice(before).every((p) => /\/(s\/\d+\.bin|p\/\d+\.json)$/.test(p))).toBe(true);
    expect(daysAsked).toEqual([]);
  });

  it('has the id table ready to send ahead of any result, read back as the results use it', async () => {
    const { source } = site(true);
    const archive = new Archive();
    expect(archive.packedShardTable()).toBeNull();
    await archive.preload({ ...source, dates: [] });
    const packed = archive.packedShardTable();
    expect(packed).not.toBeNull();
    const table = unpackTable(structuredClone(packed!.table));
    expect(table).toEqual(archive.table(packed!.name));
    // A result points into that table by its name: the page resolves it without another copy.
    const indexed = await archive.queryIndexed({ ...EMPTY_QUERY, q: 'diffusion' }, CONTEXT);
    expect(indexed.table).toBe(packed!.name);
    const direct = await archive.query({ ...EMPTY_QUERY, q: 'diffusion' }, CONTEXT);
    expect(resolveIndexed(indexed, table).ids).toEqual(direct.ids);
    expect(resolveIndexed(indexed, table).dates).toEqual(direct.dates);
  });

  it('sends no split-index table where the site has none', async () => {
    const { source } = site(false);
    const archive = new Archive();
    await archive.load(source);
    expect(archive.packedShardTable()).toBeNull();
  });

  it('never downloads the day files where the site has no split index', async () => {
    const { source, daysAsked } = site(false);
    const archive = new Archive();
    await expect(archive.preload({ ...source, dates: [] })).resolves.toBe(false);
    expect(daysAsked).toEqual([]);
    // All days itself still works, from the days.
    const report = await archive.load(source);
    expect(report.source).toBe('days');
    expect(daysAsked.sort()).toEqual(DATES);
  });

  it('a failed preload is tried again by load, which says what failed', async () => {
    const { source } = site(true);
    let fail = true;
    const flaky: ArchiveSource = {
      ...source,
      fetchData: (path) =>
        fail && path.endsWith('terms.bin')
          ? Promise.reject(new TypeError('offline'))
          : source.fetchData(path),
    };
    const archive = new Archive();
    await expect(archive.preload(flaky)).resolves.toBe(false);
    await expect(archive.load(flaky)).rejects.toThrow(/terms\.bin/);
    fail = false;
    await expect(archive.load(flaky)).resolves.toMatchObject({ source: 'shards' });
  });
});

const paperFiles = (paths: readonly string[]) => paths.filter((p) => /\/p\/\d+\.json$/.test(p));
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the first All-days search', () => {
  it('asked together with the load, waits for the split index and answers from it', async () => {
    const { source, daysAsked } = site(true);
    const archive = new Archive();
    // The store sends both at once: the query must not fall back to downloading every day.
    const loaded = archive.load(source);
    const result = await archive.query({ ...EMPTY_QUERY, q: 'diffusion' }, CONTEXT);
    expect((await loaded).source).toBe('shards');
    expect(result.ids.length).toBeGreaterThan(0);
    expect(daysAsked).toEqual([]);
  });

  it('fetches its first rows before the page asks, and later results only when asked', async () => {
    const { source, asked } = site(true);
    const archive = new Archive();
    await archive.load(source);
    const first = await archive.query({ ...EMPTY_QUERY, q: 'diffusion' }, CONTEXT);
    await settle();
    const ahead = paperFiles(asked);
    expect(ahead).toHaveLength(Math.min(FIRST_ROWS, first.ids.length));
    // The page asks for them: nothing is fetched twice.
    const papers = await archive.get(first.ids.slice(0, 3));
    expect(papers.map((p) => p.id)).toEqual(first.ids.slice(0, 3));
    expect(paperFiles(asked)).toEqual(ahead);
    // Once the page asks for rows itself, a new result's rows wait for it (typing).
    const next = await archive.query({ ...EMPTY_QUERY, q: 'video' }, CONTEXT);
    await settle();
    expect(next.ids.length).toBeGreaterThan(0);
    expect(paperFiles(asked)).toEqual(ahead);
  });
});
