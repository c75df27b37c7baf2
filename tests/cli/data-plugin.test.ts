import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest-cli';
import {
  datasetLoader,
  feedSiteUrl,
  headersFile,
  rejectBadUrls,
  siteTopicsFrom,
} from '../../scripts/vite-plugin-data';
import { feedSpecs, toAtom } from '../../src/domain/feeds';
import { SEED_DIGEST, fixture } from '../helpers';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-plugin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io = { out: () => {}, err: (l: string) => console.error(l) };

describe('the dev/preview feed cache', () => {
  it('reads the day files once per dataset version, not on every feed request', () => {
    expect(runIngest([SEED_DIGEST, '--year', '2025', '--out', dir], io)).toBe(0);
    const load = datasetLoader(dir);
    expect(load()!.papers).toHaveLength(63);
    // A day file the cache does not need to read again: damaging it changes nothing...
    writeFileSync(join(dir, 'days', '2025-09-19.json'), '{"not": "a day"');
    expect(load()!.papers).toHaveLength(63);
    // ...until the index says the dataset changed.
    expect(runIngest([SEED_DIGEST, '--year', '2025', '--out', dir], io)).toBe(1);
    rmSync(join(dir, 'days', '2025-09-19.json'));
    rmSync(join(dir, 'index.json'));
    expect(
      runIngest([SEED_DIGEST, fixture('two-days.jsonl'), '--year', '2025', '--out', dir], io),
    ).toBe(0);
    expect(load()!.papers).toHaveLength(65);
  });

  it('reads index.json again only when it changes on disk, not on every data request', () => {
    const file = join(dir, 'index.json');
    const when = new Date('2025-09-20T08:00:00Z');
    utimesSync(file, when, when);
    const load = datasetLoader(dir);
    expect(load()!.papers).toHaveLength(65);
    const original = readFileSync(file);
    // Same size and time: taken as unchanged, so the cached dataset still answers.
    writeFileSync(file, ' '.repeat(original.length));
    utimesSync(file, when, when);
    expect(load()!.papers).toHaveLength(65);
    // A new time: read again, and an unreadable index serves nothing.
    const later = new Date(when.getTime() + 5000);
    utimesSync(file, later, later);
    expect(load()).toBeNull();
    writeFileSync(file, original);
    expect(load()!.papers).toHaveLength(65);
  });
});

describe('the site URL of published feeds', () => {
  it('warns when PAPERBOY_SITE_URL is not set, naming the fix', () => {
    expect(feedSiteUrl(undefined).warning).toMatch(
      /^PAPERBOY_SITE_URL is not set: the feeds in dist\/feeds link to http:\/\/localhost:4173.*PAPERBOY_SITE_URL=https:\/\/your\.site npm run build/,
    );
    expect(feedSiteUrl('https://papers.example.org/')).toEqual({
      url: 'https://papers.example.org',
    });
  });
});

describe('bad requests to the dev and preview servers', () => {
  it('answer an address that cannot be decoded with a plain 400, no stack trace', () => {
    const res = {
      statusCode: 200,
      headers: {} as Record<string, string>,
      body: '',
      setHeader(name: string, value: string) {
        this.headers[name] = value;
      },
      end(body: string) {
        this.body = body;
      },
    };
    let passed = false;
    rejectBadUrls()({ url: '/data/%E0%A4%A' } as never, res as never, () => (passed = true));
    expect(passed).toBe(false);
    expect(res.statusCode).toBe(400);
    expect(res.headers['Content-Type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toBe('bad request: /data/%E0%A4%A is not a valid address');
    rejectBadUrls()({ url: '/papers/x?q=%20ok' } as never, res as never, () => (passed = true));
    expect(passed).toBe(true);
  });

  it('writes the security headers, frame-ancestors included, for static hosts', () => {
    const text = headersFile();
    expect(text.startsWith('/*\n')).toBe(true);
    expect(text).toContain("frame-ancestors 'none'");
    expect(text).toContain('  X-Frame-Options: DENY');
  });
});

describe("a site's extra topics (paperboy.config.json)", () => {
  it('are applied to the served index and days, and get their own feeds', () => {
    const data = mkdtempSync(join(tmpdir(), 'paperboy-site-topics-'));
    try {
      expect(runIngest([SEED_DIGEST, '--year', '2025', '--out', data], io)).toBe(0);
      const config = join(data, 'paperboy.config.json');
      writeFileSync(
        config,
        JSON.stringify({
          sources: [{ type: 'hf' }],
          topics: [{ label: 'Reconstruction', include: ['reconstruction'], exclude: ['human'] }],
        }),
      );
      const topics = siteTopicsFrom(config);
      const dataset = datasetLoader(data, topics)()!;
      expect(dataset.index.topics.at(-1)).toEqual({
        id: 'site-reconstruction',
        label: 'Reconstruction',
        count: 9,
      });
      expect(dataset.index.days.at(-1)!.topics['site-reconstruction']).toBe(9);
      const tagged = dataset.papers.filter((p) => p.topics.includes('site-reconstruction'));
      expect(tagged).toHaveLength(9);
      expect(tagged[0]!.evidence['site-reconstruction']!.score).toBeGreaterThan(0);
      const spec = feedSpecs(dataset.papers, dataset.index.topics).find(
        (s) => s.id === 'site-reconstruction',
      )!;
      expect(spec.papers).toHaveLength(9);
      expect(toAtom(spec, { siteUrl: 'https://x.org', generatedAt: '' })).toContain(
        '<title type="text">Paperboy: Reconstruction</title>',
      );
      // The data on disk is untouched: the topics are the site's, applied when it is served.
      expect(datasetLoader(data)()!.index.topics.some((t) => t.id === 'site-reconstruction')).toBe(
        false,
      );
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('refuse a wrong entry, naming it and the fix', () => {
    const config = join(dir, 'bad.config.json');
    writeFileSync(config, JSON.stringify({ topics: [{ label: 'Empty', include: [] }] }));
    expect(() => siteTopicsFrom(config)).toThrow(/topics\[0\] \(“Empty”\).*"include" list/);
    expect(siteTopicsFrom(join(dir, 'missing.json'))).toEqual([]);
  });
});
