/**
 * npm run bench:browser [-- --size 20000] [-- --json] [-- --no-baseline] [-- --data DIR]
 *                       [-- --keep] [-- --queries fixed|tune|held-out]
 *                       [-- --cold] [-- --runs 5] [-- --think MS]
 *
 * The reader at scale in Debian's Chromium: ingests a 20,000-paper archive (see corpus.ts) into
 * a temporary data folder, builds the app over it (the split search index included), serves it
 * with `vite preview`, and measures the first screen, opening All days, the first All-days search
 * on a cold cache (first keystroke to the updated count, and to the first rows), the bytes a
 * session of five searches transfers, search latency while typing (input to updated count, and
 * long tasks), scrolling the all-days results (frame intervals), and the JavaScript heaps. Then,
 * unless --no-baseline, the same in a fresh browser with the split index hidden (a 404), which
 * is the path the app took before it existed: every day downloaded and indexed in the worker.
 *
 * --data DIR measures an archive ingested before (by an earlier --keep run, or by hand) instead
 * of ingesting one; --keep leaves the temporary folder (data and build) in place and says where.
 * --queries: the six searches typed. `fixed` (the default) are the ones below, which the typing
 * work was tuned on; `tune` and `held-out` draw six of the shared corpus's `ai_keywords` (two to
 * four words) from that half of the papers (split by arXiv id, as bench.ts splits), so the
 * held-out figure comes from queries nobody looked at while tuning.
 *
 * --cold measures only the path a reader takes the first time (issue 23): `--runs` times (5),
 * a fresh browser context (empty cache, no service worker controlling the page), the app
 * loaded, then, as soon as the first paper is on screen, a click on "All days" and the first
 * query put in the search box at once; timed from the click to the first result row (an
 * article highlighting a word of the query). Then four more queries; the bytes are every file
 * of the split index from the page's start (prefetched ones included) plus every other data
 * file after the click. Prints the median and the range. --think MS waits that long on the
 * first screen before the click (a reader reading it; by default the click comes at once).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CORPUS_FILE, buildCorpus, readRealPapers, seeded } from './corpus.ts';
import { halfOf } from './queries.ts';
import { runIngest } from './ingest-cli.ts';
import { chromiumLaunch } from '../tests/e2e/chromium.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const baseline = !args.includes('--no-baseline');
const keep = args.includes('--keep');
const cold = args.includes('--cold');
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const given = option('--data');
const think = Number(option('--think') ?? '') || 0;

let size = Number(option('--size') ?? '') || 20000;
const log = (line: string) => process.stderr.write(`${line}\n`);
const PORT = 4391;

/** The searches a session types, as a reader types them; the first is the cold one. */
const FIXED_QUERIES = [
  'diffusion transformer',
  'gausian splatting',
  'reinforcement learning reasoning',
  'sparse autoencoder',
  'retreival augmented generation',
  'mixture of experts',
];

/** Six `ai_keywords` of the shared corpus's papers in one half, two to four words each. */
function keywordSession(half: string): string[] {
  if (half !== 'tune' && half !== 'held-out')
    throw new Error(`--queries ${half}: give fixed, tune or held-out`);
  const pool: string[] = [];
  for (const line of gunzipSync(readFileSync(CORPUS_FILE)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { id?: string; keywords?: unknown };
    if (!record.id || halfOf(record.id) !== half || !Array.isArray(record.keywords)) continue;
    for (const k of record.keywords)
      if (typeof k === 'string' && /^\S+( \S+){1,3}$/.test(k.trim()) && k.length <= 40)
        pool.push(k.trim().toLowerCase());
  }
  const random = seeded(11);
  return Array.from({ length: 6 }, () => pool[Math.floor(random() * pool.length)]!);
}

const querySet = option('--queries') ?? 'fixed';
const QUERIES = querySet === 'fixed' ? FIXED_QUERIES : keywordSession(querySet);

/**
 * The search worker's JS heap, through the DevTools protocol: Playwright has no session for
 * workers, so the browser session attaches to the worker target and relays one command.
 */
async function workerHeapMb(browser: Browser): Promise<number | null> {
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('archive.worker'));
  if (!worker) return null;
  const { sessionId } = await session.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  const reply = new Promise<number | null>((resolve) => {
    session.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
      if (message.id === 2) resolve(message.result ? message.result.usedSize / 1e6 : null);
    });
    setTimeout(() => resolve(null), 5000);
  });
  await session.send('Target.sendMessageToTarget', {
    sessionId,
    message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }),
  });
  await session.send('Target.sendMessageToTarget', {
    sessionId,
    message: JSON.stringify({ id: 2, method: 'Runtime.getHeapUsage' }),
  });
  const mb = await reply;
  return mb === null ? null : Number(mb.toFixed(1));
}

/** What a data file is, for the transfer breakdown: the split index's parts, rows, day files. */
function fileKind(path: string): string {
  const m = /\/data\/search\/[^/]+\/(ids|docs|terms|s|p|r)[./]/.exec(path);
  if (m)
    return { ids: 'ids', docs: 'facts', terms: 'vocabulary', s: 'shards', p: 'rows', r: 'rows' }[
      m[1]!
    ]!;
  if (path.includes('/search/manifest')) return 'manifest';
  if (path.includes('/days/')) return 'day files';
  if (path.includes('/similar/')) return 'similar';
  return path.replace(/^\/data\//, '');
}

const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
const outDir = join(dir, 'dist');
const dataDir = given ? resolve(given) : join(dir, 'data');
const figures: Record<string, number | string> = {};
let server: ReturnType<typeof spawn> | null = null;
try {
  if (given) {
    if (!existsSync(join(dataDir, 'index.json')))
      throw new Error(`--data ${given}: no index.json there; give a folder an ingest wrote`);
    size = (JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')) as { paperCount: number })
      .paperCount;
    figures.papers = size;
    log(`measuring the ${size.toLocaleString('en-US')}-paper archive in ${dataDir}`);
  } else {
    figures.papers = size;
    log(`building a ${size.toLocaleString('en-US')}-paper archive in ${dir}`);
    const corpus = buildCorpus(readRealPapers(), size);
    // Variations share dates with their source paper; keep ids distinct by title (they are).
    writeFileSync(
      join(dir, 'corpus.jsonl'),
      corpus
        .map((p) => JSON.stringify({ title: p.title, abstract: p.abstract, date: p.date }))
        .join('\n'),
    );
    const started = performance.now();
    const code = runIngest([join(dir, 'corpus.jsonl'), '--out', dataDir], {
      out: log,
      err: log,
    });
    if (code !== 0) throw new Error('ingest failed');
    figures.ingestSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  }

  log('building the app over the archive (day files, feeds, the split search index)');
  const buildStart = performance.now();
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--configLoader', 'runner', '--logLevel', 'error', '--outDir', outDir],
    { stdio: 'inherit', env: { ...process.env, PAPERBOY_DATA: dataDir } },
  );
  if (build.status !== 0) throw new Error('vite build failed');
  figures.buildSeconds = Number(((performance.now() - buildStart) / 1000).toFixed(1));
  server = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--configLoader',
      'runner',
      '--host',
      '127.0.0.1',
      '--port',
      String(PORT),
      '--strictPort',
      '--outDir',
      outDir,
    ],
    {
      env: { ...process.env, PAPERBOY_DATA: dataDir },
      stdio: 'ignore',
      detached: true, // its own process group, so the whole server stops with it
    },
  );
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // The preview server builds the split index in memory on its first request for it.
  const warm = performance.now();
  const manifest = (await (await fetch(`${base}/data/search/manifest.json`)).json()) as {
    shards: number;
  };
  figures.previewIndexSeconds = Number(((performance.now() - warm) / 1000).toFixed(1));
  figures.shards = manifest.shards;

  const browser = await chromium.launch({
    ...chromiumLaunch,
    args: [...chromiumLaunch.args, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const measure = async (prefix: string, hideIndex: boolean) => {
    const put = (name: string, value: number | string) => (figures[prefix + name] = value);
    // No service worker: every byte is counted once, as a first visit with an empty cache.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block',
    });
    if (hideIndex)
      await context.route('**/data/search/**', (route) => route.fulfill({ status: 404 }));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return Number((usedSize / 1e6).toFixed(1));
    };
    // Bytes on the wire (headers and the encoded body) of every data file, the search worker's
    // included; `counting` gates what a figure includes.
    let counting = false;
    let bytes = 0;
    let bodyBytes = 0;
    let requests = 0;
    const sizes: Promise<void>[] = [];
    /** Bytes and requests by kind of file, for the breakdown. */
    const byKind = new Map<string, { bytes: number; requests: number }>();
    page.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      if (!counting || !path.startsWith('/data/')) return;
      requests++;
      const kind = fileKind(path);
      sizes.push(
        request.sizes().then((s) => {
          const n = s.responseBodySize + s.responseHeadersSize;
          bytes += n;
          bodyBytes += s.responseBodySize;
          const k = byKind.get(kind) ?? { bytes: 0, requests: 0 };
          k.bytes += n;
          k.requests++;
          byKind.set(kind, k);
        }),
      );
    });
    const settled = async () => {
      await Promise.all(sizes);
      return bytes;
    };

    // First screen: navigation start to the first paper on screen.
    await page.goto(base);
    await page.getByRole('article').first().waitFor();
    put('firstScreenMs', Math.round(await page.evaluate(() => performance.now())));
    put('heapFirstScreenMb', await heapMb());

    // The count's changes, stamped, and the input events, stamped.
    await page.evaluate(() => {
      const w = window as unknown as {
        __lat: number[];
        __long: number[];
        __t: number;
        __inputs: number[];
        __counts: { at: number; text: string }[];
        __took: number[];
      };
      w.__lat = [];
      w.__long = [];
      w.__inputs = [];
      w.__counts = [];
      w.__took = [];
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => w.__long.push(e.duration)),
      ).observe({ type: 'longtask', buffered: false });
      document.getElementById('search')!.addEventListener(
        'input',
        () => {
          w.__t = performance.now();
          w.__inputs.push(w.__t);
        },
        true,
      );
      const count = document.querySelector('.result-count')!;
      new MutationObserver(() => {
        w.__counts.push({ at: performance.now(), text: count.textContent ?? '' });
        if (w.__t) w.__lat.push(performance.now() - w.__t);
        w.__t = 0;
        const ms = Number(count.getAttribute('data-search-ms'));
        if (ms) w.__took.push(ms);
      }).observe(count, { childList: true, characterData: true, subtree: true, attributes: true });
    });

    // All days, cold: the split index's small files and the first rows (or every day).
    counting = true;
    const allStart = Date.now();
    await page.getByRole('button', { name: 'All days' }).click();
    await page.waitForFunction(
      (n) =>
        document.querySelector('.result-count')?.textContent ===
        `${n.toLocaleString('en-US')} papers`,
      size,
      { timeout: 600_000 },
    );
    put('allDaysReadyMs', Date.now() - allStart);
    await page.getByRole('article').first().waitFor();

    // Five searches typed as a reader types them; the first is the cold one.
    const search = page.getByRole('searchbox', { name: 'Search papers' });
    for (const [i, q] of QUERIES.entries()) {
      await search.fill('');
      await page.waitForTimeout(200);
      if (i === 0)
        await page.evaluate(() => ((window as unknown as { __lat: number[] }).__lat = []));
      await search.pressSequentially(q, { delay: 60 });
      // Rows for the result: the first row highlights a word of the query (or nothing matched).
      await page
        .locator('article mark')
        .first()
        .or(page.getByRole('heading', { name: 'No papers to show' }))
        .waitFor({ timeout: 60_000 });
      if (i === 0) {
        const first = await page.evaluate((keys) => {
          const w = window as unknown as {
            __inputs: number[];
            __counts: { at: number; text: string }[];
          };
          const start = w.__inputs.at(-keys) ?? 0;
          const counted = w.__counts.find((c) => c.at > start && /papers?$/.test(c.text));
          return { start, counted: counted ? counted.at - start : NaN, now: performance.now() };
        }, q.length);
        put('firstSearchCountMs', Math.round(first.counted));
        put('firstSearchRowsAfterTypingMs', Math.round(first.now - first.start));
      }
      await page.waitForTimeout(300);
      if (i === 4) {
        put('sessionKb', Math.round((await settled()) / 1000));
        put('sessionBodyKb', Math.round(bodyBytes / 1000));
        put('sessionRequests', requests);
        put(
          'sessionByKind',
          [...byKind]
            .sort((a, b) => b[1].bytes - a[1].bytes)
            .map(([kind, k]) => `${kind} ${Math.round(k.bytes / 1000)} KB (${k.requests})`)
            .join(', '),
        );
      }
    }
    counting = false;
    const took = await page.evaluate(() => (window as unknown as { __took: number[] }).__took);
    took.sort((a, b) => a - b);
    put('searchInWorkerP50Ms', Number((took[Math.ceil(took.length / 2) - 1] ?? NaN).toFixed(1)));
    put('searchInWorkerP95Ms', Number((took[Math.ceil(took.length * 0.95) - 1] ?? NaN).toFixed(1)));
    const { lat, long } = await page.evaluate(() => {
      const w = window as unknown as { __lat: number[]; __long: number[] };
      return { lat: w.__lat, long: w.__long };
    });
    lat.sort((a, b) => a - b);
    const pct = (p: number) =>
      Math.round(lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)] ?? NaN);
    put('typingSamples', lat.length);
    put('typingP50Ms', pct(50));
    put('typingP95Ms', pct(95));
    put('longTasksWhileTyping', long.length);
    put('longestTaskWhileTypingMs', Math.round(Math.max(0, ...long)));

    // Scrolling the all-days list: frame intervals while wheeling through the results.
    await search.fill('');
    await page.waitForFunction(
      (n) =>
        document.querySelector('.result-count')?.textContent ===
        `${n.toLocaleString('en-US')} papers`,
      size,
    );
    // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__run = true;
      window.__last = performance.now();
      function tick(t) {
        window.__frames.push(t - window.__last);
        window.__last = t;
        if (window.__run) requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    })()`);
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, 900);
      await page.waitForTimeout(33);
    }
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __run: boolean };
      w.__run = false;
      return w.__frames.slice(1);
    });
    put('scrollFrames', frames.length);
    put('scrollDroppedFrames', frames.filter((f) => f > (1000 / 60) * 1.5).length);
    put('scrollWorstFrameMs', Math.round(Math.max(...frames)));
    put('heapAfterSearchMb', await heapMb());
    put('workerHeapMb', (await workerHeapMb(browser)) ?? 'not measured');
    await context.close();
  };
  /** One cold session (see --cold): the first result's time and the session's bytes. */
  const measureCold = async (run: number) => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    let clicked = Infinity;
    let bytes = 0;
    const sizes: Promise<void>[] = [];
    const byKind = new Map<string, { bytes: number; requests: number }>();
    /** When each file was asked for and answered, ms after the click (for the first run's log). */
    const timeline: { asked: number; answered: number; path: string }[] = [];
    const origin = Date.now();
    page.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      const sinceClick = Date.now() - origin - clicked;
      const counted =
        path.startsWith('/data/search/') || (path.startsWith('/data/') && sinceClick >= 0);
      if (run === 0 && (path.startsWith('/data/search/') || path.includes('worker')))
        timeline.push({
          asked: request.timing().startTime - origin,
          answered: Date.now() - origin,
          path: path.replace(/^\/data\/search\/[^/]+\//, ''),
        });
      if (!counted) return;
      const kind = fileKind(path);
      sizes.push(
        request.sizes().then((s) => {
          const n = s.responseBodySize + s.responseHeadersSize;
          bytes += n;
          const k = byKind.get(kind) ?? { bytes: 0, requests: 0 };
          k.bytes += n;
          k.requests++;
          byKind.set(kind, k);
        }),
      );
    });
    await page.goto(base);
    await page.getByRole('article').first().waitFor();
    const firstScreen = await page.evaluate(() => {
      const w = window as unknown as { __long: number[][] };
      w.__long = [];
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => w.__long.push([e.startTime, e.duration])),
      ).observe({ type: 'longtask', buffered: true });
      return performance.now();
    });
    // The page's clock (performance.now) on this script's (Date.now() - origin).
    const navStart = (await page.evaluate(() => performance.timeOrigin)) - origin;
    const search = page.locator('#search');
    // Cheap selectors and page-side stamps: role queries compute accessible names over the
    // whole list on the page's thread, which would slow what is measured.
    const firstRow = () =>
      page.waitForFunction(
        () =>
          document.querySelector('article mark') ??
          [...document.querySelectorAll('h2')].find((h) => h.textContent === 'No papers to show'),
        null,
        { timeout: 60_000 },
      );
    await page.evaluate(() => {
      const w = window as unknown as { __clickAt: number; __firstAt: number };
      document.addEventListener('pointerdown', () => (w.__clickAt ||= performance.now()), {
        capture: true,
      });
      new MutationObserver((_, observer) => {
        if (!document.querySelector('article mark')) return;
        w.__firstAt = performance.now();
        observer.disconnect();
      }).observe(document.body, { childList: true, subtree: true });
    });
    // --think: how long the reader looks at the first screen before clicking (0: at once).
    if (think) await page.waitForTimeout(think);
    clicked = Date.now() - origin;
    await page.locator('.segmented button', { hasText: 'All days' }).click();
    await search.fill(QUERIES[0]!);
    await firstRow();
    const first = Math.round(
      await page.evaluate(() => {
        const w = window as unknown as { __clickAt: number; __firstAt: number };
        return w.__firstAt - w.__clickAt;
      }),
    );
    for (const q of QUERIES.slice(1, 5)) {
      await search.fill('');
      await page.waitForTimeout(200);
      await search.pressSequentially(q, { delay: 60 });
      await firstRow();
      await page.waitForTimeout(300);
    }
    if (run === 0) {
      const at = (t: number) => String(Math.round(t - clicked)).padStart(6);
      const lines = timeline.map((t) => `${at(t.asked)} → ${at(t.answered)} ms  ${t.path}`);
      const long = await page.evaluate(() => (window as unknown as { __long: number[][] }).__long);
      log(
        `first run, split-index files (asked → answered, ms after the click):\n${lines.join('\n')}`,
      );
      log(
        `long tasks on the page (start, ms after the click, + duration): ${long.map(([s, d]) => `${at(s! + navStart)}+${Math.round(d!)}`).join(', ')}`,
      );
    }
    await Promise.all(sizes);
    await context.close();
    const kinds = [...byKind]
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .map(([kind, k]) => `${kind} ${Math.round(k.bytes / 1000)} KB (${k.requests})`)
      .join(', ');
    log(
      `run ${run + 1}: first screen ${Math.round(firstScreen)} ms; first result ${first} ms after the click; ${Math.round(bytes / 1000)} KB: ${kinds}`,
    );
    return { first, bytes, kinds };
  };
  if (cold) {
    const runs = Number(option('--runs') ?? '') || 5;
    const results = [];
    for (let run = 0; run < runs; run++) results.push(await measureCold(run));
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const firsts = results.map((r) => r.first);
    const kbs = results.map((r) => r.bytes / 1000);
    figures.coldRuns = runs;
    figures.coldFirstResultMs = Math.round(median(firsts));
    figures.coldFirstResultRange = `${Math.min(...firsts)}–${Math.max(...firsts)}`;
    figures.coldSessionKb = Math.round(median(kbs));
    figures.coldSessionKbRange = `${Math.round(Math.min(...kbs))}–${Math.round(Math.max(...kbs))}`;
    figures.coldSessionByKind = results[0]!.kinds;
    await browser.close();
  } else {
    log('measuring with the split search index');
    await measure('', false);
    if (baseline) {
      log('measuring the baseline: the split index hidden, every day downloaded and indexed');
      await measure('old_', true);
    }
    await browser.close();
  }
} finally {
  if (server?.pid) process.kill(-server.pid);
  if (keep) log(`kept ${dir} (data: ${dataDir}, build: ${outDir})`);
  else rmSync(dir, { recursive: true, force: true });
}

if (json) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
else if (cold) {
  const n = (name: string) => {
    const v = figures[name];
    return typeof v === 'number' ? v.toLocaleString('en-US') : String(v ?? '–');
  };
  process.stdout.write(
    [
      `| cold All days, ${n('papers')} papers, ${n('coldRuns')} fresh contexts, click ${think} ms after the first screen | median | range |`,
      '| --- | ---: | ---: |',
      `| click "All days", query typed at once: first result row | ${n('coldFirstResultMs')} ms | ${n('coldFirstResultRange')} ms |`,
      `| transferred: split index from page start, data after the click, five queries | ${n('coldSessionKb')} KB | ${n('coldSessionKbRange')} KB |`,
      `| by kind of file (first run) | ${n('coldSessionByKind')} | |`,
      '',
    ].join('\n'),
  );
} else {
  const f = (name: string, unit = '') => {
    const v = figures[name];
    return v === undefined
      ? '–'
      : `${typeof v === 'number' ? v.toLocaleString('en-US') : v}${unit}`;
  };
  const both = (name: string, unit = '') => [f(name, unit), f(`old_${name}`, unit)] as const;
  const rows: [string, string, string][] = [
    ['papers in the archive', f('papers'), ''],
    [`searches typed (--queries ${querySet})`, QUERIES.map((q) => `“${q}”`).join(', '), ''],
    ['ingest (CLI, with similar papers)', f('ingestSeconds', ' s'), ''],
    ['build (vite build: days, feeds, split search index)', f('buildSeconds', ' s'), ''],
    [
      'split index: shards; built in memory by the preview server',
      `${f('shards')}; ${f('previewIndexSeconds', ' s')}`,
      '',
    ],
    ['first screen (newest day), navigation to first paper', ...both('firstScreenMs', ' ms')],
    ['All days: click to the count of every paper', ...both('allDaysReadyMs', ' ms')],
    [
      'first All-days search: first keystroke to updated count',
      ...both('firstSearchCountMs', ' ms'),
    ],
    [
      'first All-days search: first keystroke to its rows (typed at 60 ms a key)',
      ...both('firstSearchRowsAfterTypingMs', ' ms'),
    ],
    [
      'transferred: All days and five searches (data files: headers and bodies, requests)',
      `${f('sessionKb', ' KB')} (${f('sessionRequests')}); bodies alone ${f('sessionBodyKb', ' KB')}`,
      `${f('old_sessionKb', ' KB')} (${f('old_sessionRequests')}); bodies alone ${f('old_sessionBodyKb', ' KB')}`,
    ],
    ['transferred, by kind of file (requests)', f('sessionByKind'), f('old_sessionByKind')],
    [
      'search in the worker (Chromium), per query: p50 / p95',
      `${f('searchInWorkerP50Ms')} / ${f('searchInWorkerP95Ms', ' ms')}`,
      `${f('old_searchInWorkerP50Ms')} / ${f('old_searchInWorkerP95Ms', ' ms')}`,
    ],
    [
      'typing, input to updated count: p50 / p95',
      `${f('typingP50Ms')} / ${f('typingP95Ms', ' ms')} (${f('typingSamples')} keystrokes)`,
      `${f('old_typingP50Ms')} / ${f('old_typingP95Ms', ' ms')} (${f('old_typingSamples')} keystrokes)`,
    ],
    [
      'long tasks (>50 ms) while typing; longest',
      `${f('longTasksWhileTyping')}; ${f('longestTaskWhileTypingMs', ' ms')}`,
      `${f('old_longTasksWhileTyping')}; ${f('old_longestTaskWhileTypingMs', ' ms')}`,
    ],
    [
      'scrolling All days: frames over 25 ms; worst frame',
      `${f('scrollDroppedFrames')} of ${f('scrollFrames')}; ${f('scrollWorstFrameMs', ' ms')}`,
      `${f('old_scrollDroppedFrames')} of ${f('old_scrollFrames')}; ${f('old_scrollWorstFrameMs', ' ms')}`,
    ],
    [
      'JS heap, page: first screen / after searching all days',
      `${f('heapFirstScreenMb')} / ${f('heapAfterSearchMb', ' MB')}`,
      `${f('old_heapFirstScreenMb')} / ${f('old_heapAfterSearchMb', ' MB')}`,
    ],
    ['JS heap, search worker', ...both('workerHeapMb', ' MB')],
  ];
  process.stdout.write(
    `| measure | split index | every day (before) |\n| --- | --- | --- |\n${rows.map(([k, v, o]) => `| ${k} | ${v} | ${o} |`).join('\n')}\n`,
  );
}
