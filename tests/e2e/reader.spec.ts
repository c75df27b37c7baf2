import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const count = (page: Page) => page.locator('.result-count');

async function openFeed(page: Page, url = '/') {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('article').first()).toBeVisible();
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.impact}: ${v.id} (${v.nodes.length}) ${v.help}`);
}

test('opens on the newest day', async ({ page }) => {
  await openFeed(page);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Friday, September 19, 2025' }),
  ).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(63);
  await expect(count(page)).toHaveText('63 papers');
  await expect(
    page.getByRole('article', { name: /^SparseNeRF/ }).getByRole('link', { name: 'Project' }),
  ).toHaveAttribute('href', 'https://sparsenerf.github.io/');
});

test('the first screen downloads the index and the newest day once each, from the start', async ({
  page,
}) => {
  const data: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    // The split search index is opened once the first screen is idle (archive-shards.spec.ts
    // checks when); on a busy machine that can come before the count below.
    if (path.endsWith('.json') && !path.startsWith('/data/search/')) data.push(path);
  });
  await openFeed(page);
  await expect(page.getByRole('article')).toHaveCount(63);
  // The index and the day are preloaded by the page's head, so they start before the app's code
  // has run; similar papers (data/similar/) wait for a paper page.
  expect(data.sort()).toEqual(['/data/days/2025-09-19.json', '/data/index.json']);
});

test('search with a typo finds and highlights the papers', async ({ page }) => {
  await openFeed(page);
  await page.getByRole('searchbox', { name: 'Search papers' }).pressSequentially('assimilaton');
  await expect(count(page)).toHaveText('3 papers');
  await expect(page.locator('article mark').first()).toHaveText(/assimilation/i);
  await expect(page).toHaveURL(/\?q=assimilaton$/);
});

test('two topics at once, then all-of', async ({ page }) => {
  await openFeed(page);
  const vision = page.getByRole('button', { name: /^3D vision & neural rendering \d+$/ });
  await vision.click();
  await page.getByRole('button', { name: /^Human pose & motion \d+$/ }).click();
  await expect(vision).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/\?topics=3d-vision,human-motion$/);
  const anyOf = Number((await count(page).textContent())!.split(' ')[0]);
  await page.getByRole('checkbox', { name: 'Match all selected topics' }).check();
  await expect(count(page)).not.toHaveText(`${anyOf} papers`);
  const allOf = Number((await count(page).textContent())!.split(' ')[0]);
  expect(allOf).toBeLessThan(anyOf);
  expect(allOf).toBeGreaterThan(0);
});

test('open a paper and come back with the filters intact', async ({ page }) => {
  await openFeed(page, '/?topics=data-assimilation');
  await expect(count(page)).toHaveText('3 papers');
  await page.getByRole('article').first().getByRole('heading').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    /^Interpretable structural model error discovery/,
  );
  await expect(page.getByRole('heading', { name: 'Similar papers' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Similar papers' }).getByRole('listitem'),
  ).toHaveCount(5);
  await page.getByRole('link', { name: /^Next paper/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    /^Towards an end-to-end artificial intelligence/,
  );
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\?topics=data-assimilation$/);
  await expect(count(page)).toHaveText('3 papers');
  await expect(page.getByRole('button', { name: /^Data assimilation/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('a saved paper is still saved after a reload', async ({ page }) => {
  await openFeed(page);
  const article = page.getByRole('article', { name: /^R-Sparse/ });
  await article.getByRole('button', { name: 'Save' }).click();
  await expect(article.getByRole('button', { name: 'Save' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.reload();
  await page.getByRole('link', { name: /^Saved 1$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Saved papers' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(page.getByRole('article')).toHaveAccessibleName(/^R-Sparse/);
});

test('keyboard only: search, move, open, save, come back', async ({ page }) => {
  await openFeed(page);
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search papers' })).toBeFocused();
  await page.keyboard.type('sparse retrieval');
  await expect(count(page)).toHaveText(/^\d+ papers$/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await page.locator('body').press('j');
  await page.keyboard.press('j');
  const second = page.getByRole('article').nth(1);
  await expect(second).toBeFocused();
  const title = (await second.getByRole('heading').textContent())!;
  await page.keyboard.press('s');
  await expect(second.getByRole('button', { name: 'Save' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page.keyboard.press('m');
  await expect(page.getByRole('button', { name: 'Read' })).toHaveAttribute('aria-pressed', 'false');
  await page.goBack();
  await expect(page).toHaveURL(/\?q=sparse\+retrieval$/);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('week and month views group papers under their dates; the date picker lists days', async ({
  page,
}) => {
  await openFeed(page, '/?view=week');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Week of September 15–21, 2025');
  await expect(
    page.getByRole('heading', { level: 2, name: /^Friday, September 19, 2025 63 papers$/ }),
  ).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Go to day' }).locator('option')).toHaveCount(1);
});

test('subscribe: a bad address is explained, a good one is kept and says no email is sent', async ({
  page,
}) => {
  await page.goto('/subscribe');
  await page.getByRole('textbox', { name: 'Email address' }).fill('not-an-address');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('alert')).toHaveText(/is missing an @/);
  await page.getByRole('textbox', { name: 'Email address' }).fill('me@example.org');
  await page.getByRole('checkbox', { name: 'Sparsity & pruning' }).check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(
    page.getByText('No email will be sent: this build has no mail server.', { exact: false }),
  ).toBeVisible();
  const feed = page.getByRole('link', { name: /Sparsity & pruning \(Atom\)/ });
  const response = await page.request.get((await feed.getAttribute('href'))!);
  expect(response.headers()['content-type']).toContain('atom+xml');
  expect(await response.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
});

test('no serious accessibility problems on the feed, a paper and the subscribe page', async ({
  page,
}) => {
  await openFeed(page);
  expect(await axe(page)).toEqual([]);
  await page.getByRole('searchbox', { name: 'Search papers' }).fill('zebrafish ');
  await expect(page.getByRole('heading', { name: 'No papers to show' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.goto('/papers/sparsenerf-distilling-depth-ranking-for-few-shot-novel-view-synthesis');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^SparseNeRF/);
  expect(await axe(page)).toEqual([]);
  await page.goto('/subscribe');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test.describe('slow data', () => {
  // The service worker would answer the data requests itself, around the delays set here.
  test.use({ serviceWorkers: 'block' });

  test('no layout shift as the data arrives, even when it is slow', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!e.hadRecentInput) w.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const slow = (ms: number) => async (route: import('@playwright/test').Route) => {
      await new Promise((r) => setTimeout(r, ms));
      await route.continue();
    };
    await page.route('**/data/index.json', slow(400));
    await page.route('**/data/days/*.json', slow(800));
    await page.goto('/');
    await expect(page.getByText('Loading papers…')).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(63);
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
    console.log(`layout shift: ${shift.toFixed(4)}`);
    // 0.1 is the "good" cumulative layout shift of Web Vitals.
    expect(shift).toBeLessThan(0.1);
  });
});
