/**
 * Topics beyond the built-in table, in Chromium against the build: a topic of the reader's own,
 * made in the filters, kept across a reload and a deep link; and the site topic of
 * paperboy.config.json ("Benchmarks & datasets"), with its own Atom feed.
 */
import { expect, test } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

const count = (page: import('@playwright/test').Page) => page.locator('.result-count');

test('a topic of your own filters, counts, highlights and survives a reload and a deep link', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('article').first()).toBeVisible();
  await page.getByRole('button', { name: '+ New topic' }).click();
  const form = page.getByRole('form', { name: 'New topic' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Reconstruction');
  await form.getByRole('textbox', { name: 'Papers that mention' }).fill('reconstruction');
  await form.getByRole('textbox', { name: 'Except where they say' }).fill('human');
  await expect(form.getByRole('status')).toHaveText(/^Finds 9 of the 63 papers loaded/);
  await page.screenshot({ path: 'test-results/own-topic-form.png' });
  await form.getByRole('button', { name: 'Add topic' }).click();

  const toggle = page.getByRole('button', { name: /^Reconstruction 9$/ });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(count(page)).toHaveText('9 papers');
  await expect(page).toHaveURL(/topics=my-reconstruction/);
  const first = page.getByRole('article').first();
  await expect(first.getByRole('link', { name: 'Reconstruction', exact: true })).toBeVisible();
  await expect(first.locator('mark').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/own-topic-on.png' });

  // Any/all with a built-in topic, like any other topic.
  await page.getByRole('button', { name: /^3D vision & neural rendering/ }).click();
  await page.getByRole('checkbox', { name: 'Match all selected topics' }).check();
  const both = Number((await count(page).textContent())!.split(' ')[0]);
  expect(both).toBeGreaterThan(0);
  expect(both).toBeLessThanOrEqual(9);

  // Kept in this browser: a reload and a deep link show it again.
  await page.goto('/?topics=my-reconstruction');
  await expect(count(page)).toHaveText('9 papers');
  await expect(page.getByRole('button', { name: /^Reconstruction 9$/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test("the site's extra topic is a filter with its own Atom feed", async ({ page, request }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: /^Benchmarks & datasets \d+$/ });
  await expect(toggle).toBeVisible();
  const n = Number((await toggle.textContent())!.match(/(\d+)$/)![1]);
  expect(n).toBeGreaterThan(0);
  await toggle.click();
  await expect(count(page)).toHaveText(`${n} ${n === 1 ? 'paper' : 'papers'}`);
  const feed = page.getByRole('link', { name: 'Atom feed for Benchmarks & datasets' });
  await expect(feed).toHaveAttribute('href', '/feeds/site-benchmarks-datasets.xml');
  const atom = await request.get('/feeds/site-benchmarks-datasets.xml');
  expect(atom.ok()).toBe(true);
  const xml = await atom.text();
  expect(xml).toContain('<title type="text">Paperboy: Benchmarks &amp; datasets</title>');
  expect(xml.match(/<entry>/g)).toHaveLength(Math.min(n, 50));
});
