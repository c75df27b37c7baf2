/**
 * All days from the split search index: the first search fetches the index's small files and
 * only the shards its words need, never the day files; rows come from per-paper files.
 */
import { expect, test, type Page } from '@playwright/test';

/** The data files the page and its search worker ask for, by path (query strings kept). */
function recordData(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/data/')) paths.push(url.pathname + url.search);
  });
  return paths;
}

const shardsOf = (paths: readonly string[]) =>
  paths.filter((p) => /^\/data\/search\/[a-z0-9-]+\/s\/\d+\.bin$/.test(p));

test('the first All-days search loads some shards, not the days', async ({ page, request }) => {
  const manifest = (await (await request.get('/data/search/manifest.json')).json()) as {
    shards: number;
    papers: number;
  };
  expect(manifest.papers).toBe(63);
  expect(manifest.shards).toBeGreaterThan(8);
  const paths = recordData(page);
  await page.goto('/?scope=all&q=assimilaton');
  await expect(page.locator('.result-count')).toHaveText('3 papers', { timeout: 60_000 });
  await expect(page.getByRole('article')).toHaveCount(3);
  await expect(page.locator('article mark').first()).toHaveText(/assimilation/i);
  const shards = shardsOf(paths);
  expect(shards.length).toBeGreaterThan(0);
  expect(shards.length).toBeLessThan(manifest.shards / 2);
  expect(new Set(shards).size).toBe(shards.length);
  expect(paths.filter((p) => p.includes('via=archive'))).toEqual([]);
  // The three rows are papers of the day the page loaded first: no paper file is fetched for a
  // paper the page already has (the one-day test dataset never needs them).
  expect(paths.filter((p) => /\/p\/\d+\.json$/.test(p))).toEqual([]);

  // Typing more fetches only what the new words need, once.
  const before = shards.length;
  const search = page.getByRole('searchbox', { name: 'Search papers' });
  await search.fill('');
  await search.pressSequentially('sparse view', { delay: 50 });
  await expect(page.getByRole('article').first()).toBeVisible();
  await expect(page.locator('.result-count')).toHaveText(/^\d+ papers?$/);
  const after = shardsOf(paths);
  expect(after.length).toBeGreaterThan(before);
  expect(after.length).toBeLessThan(manifest.shards);
  expect(new Set(after).size).toBe(after.length);
  expect(paths.filter((p) => p.includes('via=archive'))).toEqual([]);
});

test('a quoted phrase in All days is answered from the day files', async ({ page }) => {
  const paths = recordData(page);
  await page.goto('/?scope=all&q=%22data%20assimilation%22');
  await expect(page.locator('.result-count')).toHaveText(/^\d+ papers?$/, { timeout: 60_000 });
  await expect(page.getByRole('article').first()).toBeVisible();
  await expect.poll(() => paths.filter((p) => p.includes('via=archive')).length).toBe(1);
});

test('a paper of the archive opens by its address from the split index', async ({ page }) => {
  const paths = recordData(page);
  await page.goto('/?scope=all&q=sparsenerf');
  await expect(page.locator('.result-count')).toHaveText('1 paper', { timeout: 60_000 });
  await page.getByRole('article').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('SparseNeRF');
  expect(paths.filter((p) => p.includes('via=archive'))).toEqual([]);
});

test('after the first screen the split index opens on its own, and All days reuses it', async ({
  page,
}) => {
  const paths = recordData(page);
  await page.goto('/');
  await expect(page.getByRole('article').first()).toBeVisible({ timeout: 60_000 });
  const small = () =>
    paths.filter((p) => /^\/data\/search\/[a-z0-9-]+\/(ids\.txt|docs\.bin|terms\.bin)$/.test(p));
  // Nobody asked for All days: the index's small files come anyway, once the page is idle.
  await expect.poll(small, { timeout: 30_000 }).toHaveLength(3);
  expect(paths.filter((p) => p.includes('via=archive'))).toEqual([]);

  await page.getByRole('button', { name: 'All days' }).click();
  await page.getByRole('searchbox', { name: 'Search papers' }).fill('assimilaton');
  await expect(page.locator('.result-count')).toHaveText('3 papers', { timeout: 60_000 });
  await expect(page.locator('article mark').first()).toHaveText(/assimilation/i);
  // Each file of the index was fetched once; the day files never.
  expect(small()).toHaveLength(3);
  expect(paths.filter((p) => p === '/data/search/manifest.json')).toHaveLength(1);
  expect(paths.filter((p) => p.includes('via=archive'))).toEqual([]);
});
