/**
 * npm run bench:lighthouse [-- --runs N] [-- --path /?q=sparse]
 *
 * Lighthouse on the production build, mobile and desktop, in Debian's Chromium: starts
 * `vite preview` on a free loopback port (it builds nothing: run `npm run build` first), audits
 * the feed, and prints the four category scores, Total Blocking Time, Largest Contentful Paint,
 * Cumulative Layout Shift and DOM size of each. Each form factor runs N times (5 by default):
 * the table gives the median run (by performance score), and a second table the median, minimum
 * and maximum of performance, TBT, LCP and CLS over all runs, since timings move on a busy
 * machine; the machine's load average is printed at the start and the end.
 * `--save DIR` writes each median report (Lighthouse's JSON) there, to see what the time went on.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Config, type RunnerResult } from 'lighthouse';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const runs = Math.max(1, Number(option('--runs') ?? 5) || 5);
const path = option('--path') ?? '/';
const saveDir = option('--save');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(join(process.cwd(), 'dist', 'index.html'))) {
  console.error('bench:lighthouse: dist/index.html is missing; run npm run build first');
  process.exit(1);
}

/** A port nothing listens on, from the system. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vite preview did not answer at ${url} within ${ms / 1000} s`);
}

interface Figures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  tbt: number;
  lcp: number;
  cls: number;
  dom: number;
}

function figuresOf(result: RunnerResult): Figures {
  const { categories, audits } = result.lhr;
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const value = (id: string) => audits[id]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    tbt: value('total-blocking-time'),
    lcp: value('largest-contentful-paint'),
    cls: value('cumulative-layout-shift'),
    dom: value('dom-size'),
  };
}

/** Audits that did not pass in the median run, so the figures say what to fix. */
function failing(result: RunnerResult): string[] {
  const out: string[] = [];
  for (const [id, category] of Object.entries(result.lhr.categories)) {
    if (id === 'performance') continue;
    for (const ref of category.auditRefs) {
      const audit = result.lhr.audits[ref.id];
      if (audit && ref.weight > 0 && audit.score !== null && audit.score < 1)
        out.push(`${category.title}: ${audit.title}`);
    }
  }
  return out;
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(
  'npx',
  ['vite', 'preview', '--configLoader', 'runner', '--host', '127.0.0.1', '--port', String(port)],
  { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
);
const stopServer = () => {
  // The preview server runs under npx: end its whole process group, and only that.
  if (server.pid && server.exitCode === null)
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
};
let chrome: chromeLauncher.LaunchedChrome | null = null;
try {
  await waitFor(base);
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const loadAtStart = load();
  const rows: [string, Figures, string[]][] = [];
  const spreads: [string, Figures[]][] = [];
  for (const [name, config] of [
    ['mobile', undefined],
    ['desktop', desktopConfig],
  ] as [string, Config | undefined][]) {
    const results: RunnerResult[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(
        base + path,
        { port: chrome.port, output: 'json', logLevel: 'error' },
        config,
      );
      if (!result) throw new Error('Lighthouse returned no result');
      if (result.lhr.runtimeError)
        throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
      results.push(result);
      process.stderr.write(`${name} run ${i + 1}: ${figuresOf(result).performance}\n`);
    }
    spreads.push([name, results.map(figuresOf)]);
    results.sort((a, b) => figuresOf(a).performance - figuresOf(b).performance);
    const median = results[Math.floor(results.length / 2)]!;
    rows.push([name, figuresOf(median), failing(median)]);
    if (saveDir) {
      mkdirSync(saveDir, { recursive: true });
      writeFileSync(join(saveDir, `lighthouse-${name}.json`), JSON.stringify(median.lhr, null, 1));
    }
  }
  console.log(`Lighthouse ${path} (${runs === 1 ? 'one run' : `median of ${runs} runs`})`);
  console.log(
    '| form factor | performance | accessibility | best practices | SEO | TBT | LCP | CLS | DOM elements |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, f] of rows)
    console.log(
      `| ${name} | ${f.performance} | ${f.accessibility} | ${f.bestPractices} | ${f.seo} | ${Math.round(f.tbt)} ms | ${(f.lcp / 1000).toFixed(1)} s | ${f.cls.toFixed(3)} | ${f.dom.toLocaleString('en-US')} |`,
    );
  for (const [name, , problems] of rows)
    for (const problem of problems) console.log(`${name}: ${problem}`);
  if (runs > 1) {
    const stat = (values: number[], show: (v: number) => string) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length / 2;
      const median =
        sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      return `${show(median)} (${show(sorted[0]!)}–${show(sorted.at(-1)!)})`;
    };
    console.log(`\nOver all ${runs} runs: median (minimum–maximum)`);
    console.log('| form factor | performance | TBT | LCP | CLS | every run |');
    console.log('| --- | ---: | ---: | ---: | ---: | --- |');
    for (const [name, all] of spreads)
      console.log(
        `| ${name} | ${stat(
          all.map((f) => f.performance),
          (v) => String(Math.round(v)),
        )} | ${stat(
          all.map((f) => f.tbt),
          (v) => `${Math.round(v)} ms`,
        )} | ${stat(
          all.map((f) => f.lcp),
          (v) => `${(v / 1000).toFixed(1)} s`,
        )} | ${stat(
          all.map((f) => f.cls),
          (v) => v.toFixed(3),
        )} | ${all.map((f) => f.performance).join(', ')} |`,
      );
  }
  console.log(`\nload average (1, 5, 15 min): ${loadAtStart} at the start, ${load()} at the end`);
} finally {
  await chrome?.kill();
  stopServer();
}
