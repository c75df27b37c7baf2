/**
 * Issue 15 in Chromium against the build: save papers, switch to "For you" and read the reasons
 * (the model trains in its Web Worker); follow an author and see their new papers counted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

test('saved papers rank a day For you, each high paper saying why', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await expect(page.locator('.result-count')).toHaveText('63 papers');
  const sparse = page
    .getByRole('article')
    .filter({ has: page.getByRole('link', { name: 'Sparsity & pruning', exact: true }) });
  for (let i = 0; i < 4; i++)
    await sparse.nth(i).getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('For you');
  await expect(page.getByText('Ranked by your 4 saved papers.')).toBeVisible();
  await expect(page).toHaveURL(/sort=foryou/);
  const reasons = page.locator('.card-reason');
  await expect(reasons.first()).toContainText('For you:');
  expect(await reasons.count()).toBeGreaterThan(10);
  await expect(
    page.locator('.card-reason', { hasText: /Like \d papers? you saved/ }).first(),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/for-you.png' });
  // The order is kept in the URL: a reload ranks again from the saved papers in this browser.
  await page.reload();
  await expect(page.getByText('Ranked by your 4 saved papers.')).toBeVisible();
});

const paper = (id: string, title: string, authors: string[], date: string) =>
  JSON.stringify({
    id,
    title,
    authors,
    date,
    abstract: `${title}: we study this problem and report results on three benchmarks.`,
  });

let data = '';
test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-following-e2e-'));
  data = join(dir, 'data');
  const input = join(dir, 'days.jsonl');
  writeFileSync(
    input,
    [
      paper('2509.00001', 'Older Work on Compilers', ['Grace Hopper'], '2025-09-21'),
      paper(
        '2509.00002',
        'Sparse Mixtures of Experts',
        ['Ada Lovelace', 'Grace Hopper'],
        '2025-09-22',
      ),
      paper('2509.00003', 'Pruning Vision Transformers', ['Edsger Dijkstra'], '2025-09-22'),
      paper('2509.00004', 'COBOL at Scale', ['Grace Hopper'], '2025-09-22'),
    ].join('\n'),
  );
  execFileSync('npx', ['tsx', 'scripts/ingest.ts', input, '--out', data], { stdio: 'pipe' });
});
test.afterAll(() => rmSync(join(data, '..'), { recursive: true, force: true }));

async function serve(page: Page) {
  await page.route('**/data/**', async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/data\//, '');
    const file = join(data, path);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(file) });
  });
}

test('following an author counts their new papers since the last visit', async ({ page }) => {
  await serve(page);
  // A reader whose last visit saw Sep 21.
  await page.addInitScript(() => {
    if (localStorage.getItem('paperboy')) return;
    localStorage.setItem(
      'paperboy',
      JSON.stringify({
        version: 1,
        state: {
          visits: {
            lastSeenDay: null,
            lastVisitAt: null,
            currentDay: '2025-09-21',
            currentVisitAt: Date.parse('2025-09-21T08:00:00Z'),
          },
        },
      }),
    );
  });
  await page.goto('/');
  await expect(page.getByText(/^3 new papers since/)).toBeVisible();
  await page
    .getByRole('link', { name: /^Sparse Mixtures of Experts/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Follow Grace Hopper' }).click();
  await expect(page.getByRole('button', { name: 'Follow Grace Hopper' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('link', { name: '← Back to the list' }).click();
  await expect(page.getByText(/^2 new by Grace Hopper since/)).toBeVisible();
  await expect(
    page.getByRole('article', { name: /^COBOL at Scale/ }).getByText('New', { exact: true }),
  ).toBeVisible();
  // Kept: after a reload the count is still there.
  await page.reload();
  await expect(page.getByText(/^2 new by Grace Hopper since/)).toBeVisible();
});
