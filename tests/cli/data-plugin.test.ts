import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest-cli';
import {
  datasetLoader,
  feedSiteUrl,
  headersFile,
  rejectBadUrls,
} from '../../scripts/vite-plugin-data';
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
