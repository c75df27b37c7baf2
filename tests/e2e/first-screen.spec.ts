import { expect, test } from '@playwright/test';

// Issue 25: the newest day's first screen is in the page the server sends (written at build
// time), and the app takes it over without a second copy, a layout shift or a console error.

test('the page as served already holds the newest day: heading and papers with title links', async ({
  request,
}) => {
  const html = await (await request.get('/')).text();
  const root = html.slice(html.indexOf('<div id="root"'));
  expect(root).toMatch(/^<div id="root" data-prerendered inert>/);
  expect(root).toContain('Friday, September 19, 2025');
  const articles = root.match(/<article/g) ?? [];
  expect(articles.length).toBeGreaterThan(3);
  expect(root).toMatch(/<h2[^>]*><a [^>]*href="\/papers\/[^"]+"/);
  // Text only: no dataset text became markup.
  expect(root).not.toMatch(/<script/i);
});

test('the app takes the first screen over: one copy, the same first paper, no errors, no shift', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    (window as unknown as { shift: number }).shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[])
        (window as unknown as { shift: number }).shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const served = await (await page.request.get('/')).text();
  const firstServed = served.match(/<h2[^>]*><a [^>]*>([^<]+)<\/a>/)?.[1];
  await page.goto('/');
  await expect(page.locator('#root[data-prerendered]')).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveCount(63);
  await expect(page.locator('#root > .skip-link')).toHaveCount(1);
  await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(firstServed!);
  await expect(page.locator('#root')).not.toHaveAttribute('inert');
  expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBeLessThan(
    0.01,
  );
  expect(problems).toEqual([]);
});

test('a reader at another address, or with saved state, never sees the prerendered feed', async ({
  page,
}) => {
  await page.goto('/?q=sparse');
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /papers/ })
      .first(),
  ).toBeVisible();
  await expect(page.locator('#root[data-prerendered]')).toHaveCount(0);
  await expect(page.getByRole('searchbox', { name: 'Search papers' })).toHaveValue('sparse');
  const marks = page.locator('mark');
  await expect(marks.first()).toBeVisible();
  // With stored state (a saved paper), the app renders at once and shows it saved.
  await page.goto('/');
  const first = page.getByRole('article').first();
  await first.getByRole('button', { name: /^Save/ }).click();
  await page.reload();
  await expect(page.locator('#root[data-prerendered]')).toHaveCount(0);
  await expect(
    page
      .getByRole('article')
      .first()
      .getByRole('button', { name: /^Saved|^Unsave/ }),
  ).toBeVisible();
});
