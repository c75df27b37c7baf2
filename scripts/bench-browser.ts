/**
 * npm run bench:browser [-- --size 20000] [-- --json]
 *
 * The reader at scale in Debian's Chromium: ingests a 20,000-paper archive (see corpus.ts) into
 * a temporary data folder, builds the app, serves it with `vite preview`, and measures the first
 * screen, loading all days, search latency while typing (input to updated count, and long tasks),
 * scrolling the all-days results (frame intervals), and the JavaScript heap.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildCorpus, readRealPapers } from './corpus.ts';
import { runIngest } from './ingest-cli.ts';
import { chromiumLaunch } from '../tests/e2e/chromium.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const size = Number(args[args.indexOf('--size') + 1] ?? '') || 20000;
const log = (line: string) => process.stderr.write(`${line}\n`);
const PORT = 4391;

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

const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
const figures: Record<string, number | string> = { papers: size };
let server: ReturnType<typeof spawn> | null = null;
try {
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
  const code = runIngest([join(dir, 'corpus.jsonl'), '--out', join(dir, 'data')], {
    out: log,
    err: log,
  });
  if (code !== 0) throw new Error('ingest failed');
  figures.ingestSeconds = Number(((performance.now() - started) / 1000).toFixed(1));

  log('building the app');
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--configLoader', 'runner', '--logLevel', 'error'],
    { stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('vite build failed');
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
    ],
    {
      env: { ...process.env, PAPERBOY_DATA: join(dir, 'data') },
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

  const browser = await chromium.launch({
    ...chromiumLaunch,
    args: [...chromiumLaunch.args, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return Number((usedSize / 1e6).toFixed(1));
  };

  // First screen: navigation start to the first paper on screen.
  await page.goto(base);
  await page.getByRole('article').first().waitFor();
  figures.firstScreenMs = Math.round(await page.evaluate(() => performance.now()));
  figures.heapFirstScreenMb = await heapMb();

  // All days: fetch and index every day in the worker.
  const allStart = Date.now();
  await page.getByRole('button', { name: 'All days' }).click();
  await page.waitForFunction(
    (n) =>
      document.querySelector('.result-count')?.textContent ===
      `${n.toLocaleString('en-US')} papers`,
    size,
    { timeout: 120_000 },
  );
  figures.allDaysReadyMs = Date.now() - allStart;

  // Typing: latency from each input event to the updated count, and long tasks meanwhile.
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __long: number[]; __t: number };
    w.__lat = [];
    w.__long = [];
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => w.__long.push(e.duration)),
    ).observe({ type: 'longtask', buffered: false });
    document
      .getElementById('search')!
      .addEventListener('input', () => (w.__t = performance.now()), true);
    const count = document.querySelector('.result-count')!;
    const took: number[] = [];
    (w as unknown as { __took: number[] }).__took = took;
    new MutationObserver(() => {
      if (w.__t) w.__lat.push(performance.now() - w.__t);
      w.__t = 0;
      const ms = Number(count.getAttribute('data-search-ms'));
      if (ms) took.push(ms);
    }).observe(count, { childList: true, characterData: true, subtree: true, attributes: true });
  });
  const search = page.getByRole('searchbox', { name: 'Search papers' });
  for (const q of [
    'diffusion transformer',
    'gausian splatting',
    'reinforcement learning reasoning',
    'sparse autoencoder',
    'retreival augmented generation',
    'mixture of experts',
  ]) {
    await search.fill('');
    await page.waitForTimeout(200);
    await search.pressSequentially(q, { delay: 60 });
    await page.waitForTimeout(300);
  }
  const took = await page.evaluate(() => (window as unknown as { __took: number[] }).__took);
  took.sort((a, b) => a - b);
  figures.searchInWorkerP50Ms = Number((took[Math.ceil(took.length / 2) - 1] ?? NaN).toFixed(1));
  figures.searchInWorkerP95Ms = Number((took[Math.ceil(took.length * 0.95) - 1] ?? NaN).toFixed(1));
  const { lat, long } = await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __long: number[] };
    return { lat: w.__lat, long: w.__long };
  });
  lat.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)] ?? NaN);
  figures.typingSamples = lat.length;
  figures.typingP50Ms = pct(50);
  figures.typingP95Ms = pct(95);
  figures.longTasksWhileTyping = long.length;
  figures.longestTaskWhileTypingMs = Math.round(Math.max(0, ...long));

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
  figures.scrollFrames = frames.length;
  figures.scrollDroppedFrames = frames.filter((f) => f > (1000 / 60) * 1.5).length;
  figures.scrollWorstFrameMs = Math.round(Math.max(...frames));
  figures.heapAfterSearchMb = await heapMb();
  figures.workerHeapMb = (await workerHeapMb(browser)) ?? 'not measured';
  await browser.close();
} finally {
  if (server?.pid) process.kill(-server.pid);
  rmSync(dir, { recursive: true, force: true });
}

if (json) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
else {
  const rows: [string, string][] = [
    ['papers in the archive', figures.papers!.toLocaleString('en-US')],
    ['ingest (CLI, with similar papers)', `${figures.ingestSeconds} s`],
    ['first screen (newest day), navigation to first paper', `${figures.firstScreenMs} ms`],
    ['All days: fetch and index every day in the worker', `${figures.allDaysReadyMs} ms`],
    [
      'search in the worker (Chromium), per query: p50 / p95',
      `${figures.searchInWorkerP50Ms} / ${figures.searchInWorkerP95Ms} ms`,
    ],
    [
      'typing, input to updated count: p50 / p95',
      `${figures.typingP50Ms} / ${figures.typingP95Ms} ms (${figures.typingSamples} keystrokes)`,
    ],
    [
      'long tasks (>50 ms) while typing; longest',
      `${figures.longTasksWhileTyping}; ${figures.longestTaskWhileTypingMs} ms`,
    ],
    [
      'scrolling All days: frames over 25 ms; worst frame',
      `${figures.scrollDroppedFrames} of ${figures.scrollFrames}; ${figures.scrollWorstFrameMs} ms`,
    ],
    [
      'JS heap, page: first screen / after searching all days',
      `${figures.heapFirstScreenMb} / ${figures.heapAfterSearchMb} MB`,
    ],
    [
      'JS heap, search worker',
      typeof figures.workerHeapMb === 'number'
        ? `${figures.workerHeapMb} MB`
        : String(figures.workerHeapMb),
    ],
  ];
  process.stdout.write(
    `| measure | result |\n| --- | --- |\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`,
  );
}
