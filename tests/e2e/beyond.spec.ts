import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LIVE_PORT } from '../../playwright.config';

const LIVE = `http://127.0.0.1:${LIVE_PORT}`;

/** The seed day's sparsity papers, as the embedded dataset's index counts them. */
const seedSparsity = (
  JSON.parse(readFileSync('data/index.json', 'utf8')) as {
    days: { date: string; topics: Record<string, number> }[];
  }
).days.find((d) => d.date === '2025-09-19')!.topics.sparsity!;

async function openFeed(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('article').first()).toBeVisible();
}

test('a followed topic counts the papers of a newly ingested day as new', async ({ page }) => {
  await openFeed(page, `${LIVE}/`);
  await page.getByRole('button', { name: 'Follow Data assimilation & model error' }).click();
  await expect(
    page.getByRole('button', { name: 'Follow Data assimilation & model error' }),
  ).toHaveAttribute('aria-pressed', 'true');
  execFileSync(
    'npx',
    ['tsx', 'scripts/ingest.ts', 'tests/fixtures/new-day.jsonl', '--out', '.e2e-data'],
    { stdio: 'pipe' },
  );
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Monday, September 22, 2025');
  await expect(
    page.getByText('1 new in Data assimilation & model error since earlier today.'),
  ).toBeVisible();
  const da = page.getByRole('article', { name: /^Ensemble Kalman Filters/ });
  await expect(da.getByText('New', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Show only new' }).click();
  await expect(page.locator('.result-count')).toHaveText('1 paper');
  await expect(page).toHaveURL(/new=1/);
});

test('works offline after one visit: reload and open a paper with the network off', async ({
  page,
  context,
}) => {
  await openFeed(page, '/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first load happened before the worker took control; one more load goes through it.
  await page.reload();
  await expect(page.getByRole('article').first()).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Friday, September 19, 2025' }),
  ).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(63);
  await page.goto(
    '/papers/sparsenerf-distilling-depth-ranking-for-few-shot-novel-view-synthesis?date=2025-09-19',
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^SparseNeRF/);
  await context.setOffline(false);
});

test('feeds: advertised by the page, linked from each topic, valid Atom', async ({
  page,
  request,
}) => {
  await openFeed(page, '/');
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    'href',
    '/feeds/all.xml',
  );
  const link = page.getByRole('link', { name: 'Atom feed for Sparsity & pruning' });
  await expect(link).toHaveAttribute('href', '/feeds/sparsity.xml');
  const body = await (await request.get('/feeds/sparsity.xml')).text();
  expect(body).toMatch(
    /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
  );
  expect(body.match(/<entry>/g)).toHaveLength(seedSparsity);
  const json = await (await request.get('/feeds/all.json')).json();
  expect(json.items).toHaveLength(50);
});

test('export saved papers and reading state, then import them into a fresh browser', async ({
  page,
  browser,
}) => {
  await openFeed(page, '/');
  await page
    .getByRole('article', { name: /^SparseNeRF/ })
    .getByRole('button', { name: 'Save' })
    .click();
  await page.getByRole('article', { name: /^GQSA/ }).getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Follow Sparsity & pruning' }).click();
  await page.getByRole('link', { name: /^Saved 2$/ }).click();
  const [bib] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export BibTeX' }).click(),
  ]);
  const bibtex = readFileSync((await bib.path())!, 'utf8');
  expect(bibtex.match(/@misc\{/g)).toHaveLength(2);
  expect(bibtex).toContain(
    'title = {{SparseNeRF: Distilling Depth Ranking for Few-shot Novel View Synthesis}}',
  );
  const [md] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  expect(readFileSync((await md.path())!, 'utf8')).toContain(
    '## GQSA: Group Quantization and Sparsity for Accelerating Large Language Model Inference',
  );
  const [data] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export data (JSON)' }).click(),
  ]);
  const exported = (await data.path())!;

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto('/saved');
  await expect(fresh.getByRole('heading', { name: 'Nothing saved yet' })).toBeVisible();
  await fresh.getByLabel('Import data…').setInputFiles(exported);
  await expect(
    fresh.getByRole('status').filter({ hasText: 'Imported 2 saved papers' }),
  ).toBeVisible();
  await expect(fresh.getByRole('article')).toHaveCount(2);
  await fresh.getByLabel('Import data…').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": 1}'),
  });
  await expect(fresh.getByRole('alert')).toHaveText(/That JSON file is not a Paperboy export/);
  await fresh.close();
});

test('topic chart: an SVG with a text alternative and a table of the same numbers', async ({
  page,
}) => {
  await openFeed(page, '/');
  const chart = page.getByRole('img', {
    name: new RegExp(
      `^Papers per topic per day, \\d+ topics over 1 day; most papers in Sparsity & pruning \\(${seedSparsity}\\)`,
    ),
  });
  await expect(chart).toBeVisible();
  await page.getByText('Show as a table').click();
  const row = page.getByRole('row', { name: /^Sparsity & pruning/ });
  await expect(row.getByRole('cell').last()).toHaveText(String(seedSparsity));
});
