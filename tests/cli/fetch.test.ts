// @vitest-environment node
// (Node's own fetch and AbortSignal: jsdom's AbortSignal is not one undici accepts.)
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFetch } from '../../scripts/fetch-cli';
import { backoffMs, retryAfterMs, seconds } from '../../scripts/http';
import { runIngest } from '../../scripts/ingest-cli';
import { runUpdate } from '../../scripts/update-cli';
import { ROOT, SEED_DIGEST, fixture, snapshot } from '../helpers';
import { recordingIo } from './local-server';

const feed = (name: string) => readFileSync(fixture(`feeds/${name}`), 'utf8');

interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer: the client must give up by itself. */
  hang?: boolean;
}
interface Recorded {
  path: string;
  date: string | null;
  userAgent: string | undefined;
}

/** A replay server on 127.0.0.1: answers what `route` says and records every request. */
let server: Server;
let base: string;
let requests: Recorded[];
let route: (url: URL, n: number) => Reply;

beforeEach(async () => {
  requests = [];
  route = () => ({ status: 404, body: 'no route' });
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      path: url.pathname,
      date: url.searchParams.get('date'),
      userAgent: req.headers['user-agent'],
    });
    const reply = route(url, requests.length);
    if (reply.hang) return;
    res.writeHead(reply.status ?? 200, reply.headers ?? {});
    res.end(reply.body ?? '');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-fetch-'));
  out = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** HF and arXiv answer the usual way: a fixture per HF day (else []), the RSS fixture. */
const realisticRoute = (url: URL): Reply => {
  if (url.pathname === '/api/daily_papers') {
    const date = url.searchParams.get('date');
    const name = `hf-api-${date ?? '2026-07-13'}.json`;
    const body = existsSync(fixture(`feeds/${name}`)) ? feed(name) : '[]';
    return { body, headers: { 'Content-Type': 'application/json' } };
  }
  if (url.pathname.startsWith('/rss/'))
    return {
      body: feed('arxiv-rss-cs.LG-2026-09-24.xml'),
      headers: { 'Content-Type': 'application/rss+xml' },
    };
  return { status: 404 };
};

const io = (now: string, extra: Record<string, string> = {}) => recordingIo(base, extra, now);

async function fetchCmd(argv: string[], opts: { now?: string; env?: Record<string, string> } = {}) {
  const { lines, io: cliIo } = io(opts.now ?? '2026-07-13T09:00:00Z', opts.env);
  const code = await runFetch(argv, cliIo);
  return { code, stdout: lines.out.join('\n'), stderr: lines.err.join('\n'), lines };
}

/** A dataset with the seed digest in it, as a user has before their first fetch. */
function seedDataset() {
  const code = runIngest([SEED_DIGEST, '--year', '2025', '--out', out], {
    out: () => {},
    err: () => {},
  });
  expect(code).toBe(0);
  return snapshot(out);
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const titles = (day: string) =>
  readJson(join(out, 'days', `${day}.json`)).papers.map((p: { title: string }) => p.title);

describe('npm run fetch -- hf', () => {
  it('adds the day, keeps the download under raw/, and asks politely for that date', async () => {
    route = realisticRoute;
    const result = await fetchCmd(['hf', '--date', '2026-07-13', '--out', out]);
    expect(result.code).toBe(0);
    expect(titles('2026-07-13')).toEqual(
      expect.arrayContaining([
        'Sparse Lattice Adapters for Continual Speech Recognition',
        'Counting Shadows: Depth Estimation from Cast Shadows in Single Images',
        'When Do Reward Models Disagree? A Study of Preference Noise in RLHF',
      ]),
    );
    const day = readJson(join(out, 'days/2026-07-13.json'));
    expect(day.papers).toHaveLength(3);
    expect(day.papers).toContainEqual(
      expect.objectContaining({
        arxivId: '2607.11001',
        authors: ['Mira Okafor', 'Tomasz Wilk', 'Lena Hartmann'],
        upvotes: 42,
      }),
    );
    expect(readdirSync(join(out, 'raw'))).toEqual(['hf-daily-papers-2026-07-13.json']);
    expect(readFileSync(join(out, 'raw/hf-daily-papers-2026-07-13.json'), 'utf8')).toBe(
      feed('hf-api-2026-07-13.json'),
    );
    expect(requests).toEqual([
      {
        path: '/api/daily_papers',
        date: '2026-07-13',
        userAgent: 'Paperboy/0.1 (+https://github.com/paperboy; daily-papers reader)',
      },
    ]);
    expect(result.stderr).toContain(`fetching ${base}/api/daily_papers?date=2026-07-13`);
    expect(result.stdout).toMatch(/ingested 3 papers from 1 day .*3 new/);
    expect(result.stdout).toContain(
      `kept the download as ${join(out, 'raw/hf-daily-papers-2026-07-13.json')}`,
    );
  });

  it('without --date asks for the latest papers and files them under today (UTC)', async () => {
    route = realisticRoute;
    const result = await fetchCmd(['hf', '--out', out], { now: '2026-07-13T23:30:00-05:00' });
    expect(result.code).toBe(0);
    expect(requests.map((r) => r.date)).toEqual([null]);
    expect(readdirSync(join(out, 'raw'))).toEqual(['hf-daily-papers-2026-07-14.json']);
    expect(existsSync(join(out, 'days/2026-07-13.json'))).toBe(true);
  });

  it('retries a 503 that says Retry-After: 0, and says so', async () => {
    route = (url, n) =>
      n === 1 ? { status: 503, headers: { 'Retry-After': '0' } } : realisticRoute(url);
    const result = await fetchCmd(['hf', '--date', '2026-07-13', '--out', out]);
    expect(result.code).toBe(0);
    expect(requests).toHaveLength(2);
    expect(result.stderr).toContain(
      `${base}/api/daily_papers?date=2026-07-13 answered 503; retrying in 0 s (1/3)`,
    );
    expect(titles('2026-07-13')).toHaveLength(3);
  });
});

describe('a failed fetch leaves data/ exactly as it was', () => {
  const url = () => `${base}/api/daily_papers?date=2026-07-13`;
  const cases: [string, () => Reply, () => string][] = [
    [
      '429 every time: gives up after 3 retries',
      () => ({ status: 429 }),
      () =>
        `${url()} answered 429 Too Many Requests 4 times; the server asks us to slow down; try again later; nothing was changed`,
    ],
    [
      '404',
      () => ({ status: 404 }),
      () =>
        `${url()} answered 404 Not Found; check the date, or PAPERBOY_HF_URL; nothing was changed`,
    ],
    [
      'an empty body',
      () => ({ body: '' }),
      () => `${url()} answered with an empty body; try again later; nothing was changed`,
    ],
    [
      'a web page instead of JSON',
      () => ({ body: '<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>' }),
      () =>
        `${url()} answered with a web page, not JSON; is the address right, and is there no login page (a hotel or office network) in the way? nothing was changed`,
    ],
  ];

  it.each(cases)('%s', async (_name, reply, message) => {
    const before = seedDataset();
    route = reply;
    const result = await fetchCmd(['hf', '--date', '2026-07-13', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.lines.err.at(-1)).toBe(`paperboy fetch: ${message()}`);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(join(out, 'raw'))).toBe(false);
  });

  it('asks four times in all when the server keeps answering 429', async () => {
    route = () => ({ status: 429 });
    const result = await fetchCmd(['hf', '--date', '2026-07-13', '--out', out]);
    expect(result.code).toBe(1);
    expect(requests).toHaveLength(4);
    expect(result.stderr).toMatch(/answered 429; retrying in .* s \(3\/3\)/);
  });

  it('says it cannot reach a server that refuses the connection', async () => {
    const before = seedDataset();
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const result = await fetchCmd(['hf', '--out', out], {
      env: { PAPERBOY_HF_URL: `http://127.0.0.1:${port}` },
    });
    expect(result.code).toBe(1);
    expect(result.lines.err.at(-1)).toBe(
      `paperboy fetch: cannot reach http://127.0.0.1:${port} (ECONNREFUSED); are you online? nothing was changed`,
    );
    expect(snapshot(out)).toEqual(before);
  });

  it('gives up on a server that never answers, after PAPERBOY_FETCH_TIMEOUT_MS', async () => {
    const before = seedDataset();
    route = () => ({ hang: true });
    const result = await fetchCmd(['hf', '--date', '2026-07-13', '--out', out], {
      env: { PAPERBOY_FETCH_TIMEOUT_MS: '200' },
    });
    expect(result.code).toBe(1);
    expect(result.lines.err.at(-1)).toBe(
      `paperboy fetch: ${url()} did not answer within 0.2 s; try again later, or allow more time with PAPERBOY_FETCH_TIMEOUT_MS; nothing was changed`,
    );
    expect(snapshot(out)).toEqual(before);
  });

  it('deletes the download when the ingest refuses it', async () => {
    const before = seedDataset();
    const papers = JSON.parse(feed('hf-api-2026-07-13.json'));
    delete papers[1].paper.title;
    delete papers[1].title;
    route = () => ({ body: JSON.stringify(papers) });
    const result = await fetchCmd(['hf', '--date', '2026-07-13', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/paperboy ingest: .*has no "title"/);
    expect(result.lines.err.at(-1)).toBe(
      `paperboy fetch: could not ingest what ${url()} answered (see above); nothing was changed`,
    );
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(join(out, 'raw'))).toBe(false);
  });
});

describe('npm run fetch when the ingest fails while writing', () => {
  const url = () => `${base}/api/daily_papers?date=2026-07-13`;
  const failAt = (at: string) => async () => {
    const before = seedDataset();
    route = realisticRoute;
    const { lines, io: cliIo } = io('2026-07-13T09:00:00Z');
    const code = await runFetch(['hf', '--date', '2026-07-13', '--out', out], {
      ...cliIo,
      onWrite: (step) => {
        if (step === at) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      },
    });
    return { code, before, last: lines.err.at(-1) };
  };

  it('before the switch: says nothing was changed, and nothing was', async () => {
    const { code, before, last } = await failAt('write index.json')();
    expect(code).toBe(1);
    expect(last).toBe(
      `paperboy fetch: could not ingest what ${url()} answered (see above); nothing was changed`,
    );
    expect(snapshot(out)).toEqual(before);
  });

  it('during the switch: does not say nothing was changed', async () => {
    const { code, last } = await failAt('move index.json')();
    expect(code).toBe(75);
    expect(last).toBe(
      `paperboy fetch: could not finish ingesting what ${url()} answered (see above); the dataset is partly switched in: run the fetch again to finish it`,
    );
  });
});

describe('npm run fetch -- arxiv', () => {
  it('asks for the categories joined by + and adds new papers and cross-lists', async () => {
    route = realisticRoute;
    const result = await fetchCmd(['arxiv', 'cs.LG', 'cs.CV', '--out', out], {
      now: '2026-09-24T10:00:00Z',
    });
    expect(result.code).toBe(0);
    expect(requests.map((r) => r.path)).toEqual(['/rss/cs.LG+cs.CV']);
    expect(titles('2026-09-24')).toEqual(
      expect.arrayContaining([
        'Gradient Noise Budgets for Federated Fine-Tuning',
        'Learning Rate Warm-Up Is a Curvature Probe',
        'Conformal Prediction Sets for Graph Regression',
      ]),
    );
    expect(titles('2026-09-24')).not.toContain(
      'Revisiting Label Smoothing under Distribution Shift',
    );
    expect(readdirSync(join(out, 'raw'))).toEqual(['arxiv-rss-cs.LG+cs.CV-2026-09-24.xml']);
  });

  it('takes replacements too with --include-replacements', async () => {
    route = realisticRoute;
    const result = await fetchCmd(['arxiv', 'cs.LG', '--include-replacements', '--out', out], {
      now: '2026-09-24T10:00:00Z',
    });
    expect(result.code).toBe(0);
    expect(titles('2026-09-24')).toContain('Revisiting Label Smoothing under Distribution Shift');
  });

  it('on a weekend, with no announcements, exits 0 and changes nothing', async () => {
    const before = seedDataset();
    route = () => ({ body: feed('arxiv-rss-cs.LG-2026-09-26-weekend.xml') });
    const result = await fetchCmd(['arxiv', 'cs.LG', '--out', out], {
      now: '2026-09-26T10:00:00Z',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no papers');
    expect(result.lines.out.at(-1)).toBe(
      'arXiv announced nothing in cs.LG (there are no announcements on weekends and holidays); nothing was kept',
    );
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(join(out, 'raw'))).toBe(false);
  });

  it('refuses a category that is not one, with a guess, and asks nothing', async () => {
    const result = await fetchCmd(['arxiv', 'cs.lg', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'paperboy fetch: "cs.lg" is not an arXiv category; did you mean cs.LG? categories look like cs.LG, stat.ML, quant-ph or math.OC',
    );
    expect(requests).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an unusable setting before asking anything', async () => {
    const result = await fetchCmd(['arxiv', 'cs.LG', '--out', out], {
      env: { PAPERBOY_FETCH_TIMEOUT_MS: '30s' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'paperboy fetch: PAPERBOY_FETCH_TIMEOUT_MS="30s" is not a number of milliseconds; unset it or give one, e.g. PAPERBOY_FETCH_TIMEOUT_MS=60000',
    );
    expect(requests).toEqual([]);
  });

  it('runs as a real process, with its entry point', async () => {
    route = realisticRoute;
    const result = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/fetch.ts', 'arxiv', 'cs.LG+cs.CV', '--out', out],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...recordingIo(base).io.env } },
    );
    expect(result.stdout).toMatch(/ingested 3 papers from 1 day/);
    expect(result.stdout).toMatch(
      /kept the download as .*arxiv-rss-cs\.LG\+cs\.CV-\d{4}-\d{2}-\d{2}\.xml/,
    );
    expect(requests.map((r) => r.path)).toEqual(['/rss/cs.LG+cs.CV']);
  });
});

describe('npm run update', () => {
  const writeConfig = (config: unknown) => {
    const path = join(dir, 'paperboy.config.json');
    writeFileSync(path, JSON.stringify(config));
    return path;
  };
  const config = (extra: object = {}) =>
    writeConfig({
      sources: [{ type: 'hf' }, { type: 'arxiv', categories: ['cs.LG', 'cs.CV'] }],
      out: 'data',
      ...extra,
    });

  async function update(argv: string[], now: string, build?: (out: string) => number) {
    const { lines, io: cliIo } = io(now);
    const code = await runUpdate(argv, { ...cliIo, ...(build ? { build } : {}) });
    return { code, stdout: lines.out.join('\n'), stderr: lines.err.join('\n'), lines };
  }

  it('fetches every Hugging Face day since the newest one, and arXiv once; --no-build skips the build', async () => {
    // The arXiv feed of the update's day (the fixture's, 2026-09-24, is in the future then).
    route = (url) =>
      url.pathname.startsWith('/rss/')
        ? {
            body: feed('arxiv-rss-cs.LG-2026-09-24.xml').replaceAll(
              'Thu, 24 Sep 2026',
              'Wed, 15 Jul 2026',
            ),
          }
        : realisticRoute(url);
    expect((await fetchCmd(['hf', '--date', '2026-07-13', '--out', out])).code).toBe(0);
    requests = [];
    const builds: string[] = [];
    const result = await update(['--config', config(), '--no-build'], '2026-07-15T06:15:00Z', (o) =>
      builds.push(o),
    );
    expect(result.code).toBe(0);
    // The newest day is asked for again: Hugging Face adds papers to a day all that day.
    expect(requests.filter((r) => r.path === '/api/daily_papers').map((r) => r.date)).toEqual([
      '2026-07-13',
      '2026-07-14',
      '2026-07-15',
    ]);
    expect(requests.filter((r) => r.path.startsWith('/rss/')).map((r) => r.path)).toEqual([
      '/rss/cs.LG+cs.CV',
    ]);
    const index = readJson(join(out, 'index.json'));
    expect(index.days.map((d: { date: string }) => d.date)).toEqual([
      '2026-07-13',
      '2026-07-14',
      '2026-07-15',
    ]);
    expect(titles('2026-07-14')).toContain('Tiny Recurrent Planners for Household Robots');
    expect(readdirSync(join(out, 'raw')).sort()).toEqual([
      'arxiv-rss-cs.LG+cs.CV-2026-07-15.xml',
      'hf-daily-papers-2026-07-13.json',
      'hf-daily-papers-2026-07-14.json',
    ]);
    expect(result.stdout).toContain('  hf 2026-07-15: no papers; nothing kept');
    expect(result.stdout).toMatch(
      /^ {2}hf 2026-07-14: ingested 2 papers .*; kept .*hf-daily-papers-2026-07-14\.json$/m,
    );
    expect(result.stdout).toContain('skipped the build (--no-build)');
    expect(builds).toEqual([]);
  });

  it('keeps what succeeded when one source fails, builds, and exits 1', async () => {
    route = (url) => (url.pathname.startsWith('/rss/') ? { status: 404 } : realisticRoute(url));
    const builds: string[] = [];
    const result = await update(['--config', config()], '2026-07-13T06:15:00Z', (o) => {
      builds.push(o);
      return 0;
    });
    expect(result.code).toBe(1);
    expect(titles('2026-07-13')).toHaveLength(3);
    expect(result.stdout).toMatch(
      /arxiv cs\.LG\+cs\.CV: FAILED: .*\/rss\/cs\.LG\+cs\.CV answered 404 Not Found; check the categories/,
    );
    expect(builds).toEqual([out]);
    expect(result.lines.err.at(-1)).toBe(
      'paperboy update: 1 of 2 downloads failed (see above); the others are kept',
    );
  });

  it('says so when the build fails', async () => {
    route = realisticRoute;
    const result = await update(['--config', config()], '2026-07-13T06:15:00Z', () => 1);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('paperboy update: the build failed (exit code 1');
  });

  it('works from the last real day when the dataset has a day after tomorrow, and says so', async () => {
    route = realisticRoute;
    expect((await fetchCmd(['hf', '--date', '2026-07-13', '--out', out])).code).toBe(0);
    const future = join(dir, 'future.jsonl');
    writeFileSync(
      future,
      JSON.stringify({ title: 'Dated Ahead', abstract: 'A typo in the year.', date: '2027-07-13' }),
    );
    const ahead = runIngest([future, '--out', out, '--allow-future'], {
      out: () => {},
      err: () => {},
    });
    expect(ahead).toBe(0);
    requests = [];
    const result = await update(
      ['--config', config({ sources: [{ type: 'hf' }] }), '--no-build'],
      '2026-07-15T06:15:00Z',
    );
    expect(result.code).toBe(0);
    expect(requests.map((r) => r.date)).toEqual(['2026-07-13', '2026-07-14', '2026-07-15']);
    expect(result.stderr).toContain(
      `warning: ${join(out, 'index.json')} has 1 day after tomorrow (2027-07-13); fetching from the newest day before it, 2026-07-13 (remove the day or fix its date to stop this warning)`,
    );
    expect(result.stdout).not.toContain('nothing to fetch');
  });

  it('fetches at most maxDays days, and says which it left out', async () => {
    route = realisticRoute;
    seedDataset();
    const result = await update(
      ['--config', config({ sources: [{ type: 'hf' }], maxDays: 2 }), '--no-build'],
      '2026-07-14T06:15:00Z',
    );
    expect(result.code).toBe(0);
    expect(requests.map((r) => r.date)).toEqual(['2026-07-13', '2026-07-14']);
    expect(result.stderr).toContain(
      "the dataset's newest day is 2025-09-19; fetching only the last 2 days",
    );
  });

  it('names the file and the field of a bad config, and fetches nothing', async () => {
    const path = writeConfig({
      sources: [{ type: 'hf' }, { type: 'arxiv', categories: ['cs.lg'] }],
      maxDays: 0,
    });
    const result = await update(['--config', path], '2026-07-13T06:15:00Z');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `paperboy update: ${path}: sources[1].categories[0]: "cs.lg" is not an arXiv category; categories look like cs.LG, stat.ML, quant-ph or math.OC; maxDays: expected at least 1 day; fix it and run again`,
    );
    expect(requests).toEqual([]);
  });

  it('names a source type it does not know, and a misspelt key', async () => {
    const path = writeConfig({ sources: [{ type: 'hugging' }, { type: 'hf', dayz: 3 }] });
    const result = await update(['--config', path], '2026-07-13T06:15:00Z');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('sources[0].type: expected "type": "hf" or "type": "arxiv"');
    expect(result.stderr).toContain('sources[1]: Unrecognized key: "dayz"');
  });
});

describe('http helpers', () => {
  it('reads Retry-After as seconds or as a date, capped at 60 s', () => {
    const now = Date.parse('2026-07-13T12:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('3600', now)).toBe(60_000);
    expect(retryAfterMs('Mon, 13 Jul 2026 12:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Mon, 13 Jul 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('backs off exponentially and prints pauses as a person reads them', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, 1000))).toEqual([1000, 2000, 4000]);
    expect([0, 200, 2000, 1500, 30_000].map(seconds)).toEqual([
      '0 s',
      '0.2 s',
      '2 s',
      '1.5 s',
      '30 s',
    ]);
  });
});
