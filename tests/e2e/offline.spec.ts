/** Offline after exactly one visit: no reload before the network goes away. */
import { expect, test } from '@playwright/test';

test('works offline after exactly one visit, with no reload first', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('article').first()).toBeVisible();
  // The worker installs (caching the shell, the index and the newest day) and takes control.
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      timeout: 30_000,
    })
    .toBe(true);
  // ... and has the data the first load fetched before it was there.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const names = await caches.keys();
          const urls: string[] = [];
          for (const name of names.filter((n) => n.startsWith('paperboy-data')))
            for (const r of await (await caches.open(name)).keys())
              urls.push(new URL(r.url).pathname);
          return urls.sort();
        }),
      { timeout: 30_000 },
    )
    .toEqual(
      expect.arrayContaining([
        '/data/days/2025-09-19.json',
        '/data/index.json',
        '/data/similar/2025-09-19.json',
      ]),
    );
  await context.setOffline(true);
  await page.reload();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Friday, September 19, 2025' }),
  ).toBeVisible();
  await expect(page.locator('.result-count')).toHaveText('63 papers');
  await context.setOffline(false);
});
