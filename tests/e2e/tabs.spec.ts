/** Two open tabs share one storage: neither wipes the other's changes. */
import { expect, test } from '@playwright/test';

test('papers saved in two tabs are all kept, and each tab shows the other’s', async ({
  context,
}) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/');
  await b.goto('/');
  for (const page of [a, b]) await expect(page.getByRole('article').first()).toBeVisible();
  const save = async (page: typeof a, n: number) => {
    const button = page.getByRole('article').nth(n).getByRole('button', { name: /^Save/ });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  };
  await save(a, 0);
  await save(a, 1);
  await save(b, 2);
  const saved = (page: typeof a) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Saved/ });
  // Tab A learns of B's save through the storage event, without a reload.
  await expect(saved(a)).toHaveText(/3/);
  await expect(saved(b)).toHaveText(/3/);
  // A read mark in A survives B changing the theme.
  await a.getByRole('article').nth(3).getByRole('button', { name: /^Read/ }).click();
  await b.getByRole('button', { name: /^Theme:/ }).click();
  await b.reload();
  await expect(
    b.getByRole('article').nth(3).getByRole('button', { name: /^Read/ }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(saved(b)).toHaveText(/3/);
});

test('five tabs marking read and three saving at once: a new tab shows every change', async ({
  context,
}) => {
  const tabs = await Promise.all(Array.from({ length: 5 }, () => context.newPage()));
  await Promise.all(tabs.map((tab) => tab.goto('/')));
  // A background tab renders the rest of a long list on throttled timers: bring each to the front.
  for (const tab of tabs) {
    await tab.bringToFront();
    await expect(tab.getByRole('article')).toHaveCount(63);
  }
  const button = (tab: (typeof tabs)[number], n: number, name: 'Read' | 'Save') =>
    tab.getByRole('article').nth(n).getByRole('button', { name, exact: true });
  // All tabs at once, each clicking as fast as it can (one tab's clicks one after another, as
  // one mouse does: clicks issued together on one page would land on a card another scrolled).
  const clickAll = (tab: (typeof tabs)[number], positions: number[], name: 'Read' | 'Save') =>
    positions.reduce((done, n) => done.then(() => button(tab, n, name).click()), Promise.resolve());
  // Each of 5 tabs marks 3 different papers read.
  const from = (start: number, n: number) => Array.from({ length: n }, (_, k) => start + k);
  await Promise.all(tabs.map((tab, i) => clickAll(tab, from(i * 3, 3), 'Read')));
  // Then 3 tabs each save 6 different papers.
  await Promise.all(tabs.slice(0, 3).map((tab, i) => clickAll(tab, from(20 + i * 6, 6), 'Save')));
  const fresh = await context.newPage();
  await fresh.goto('/');
  await expect(fresh.getByRole('article')).toHaveCount(63);
  const pressed = (name: 'Read' | 'Save' | 'Saved') =>
    fresh
      .getByRole('article')
      .getByRole('button', { name, exact: true })
      .and(fresh.locator('[aria-pressed="true"]'));
  // Soft: a failure reports both counts.
  await expect.soft(pressed('Read')).toHaveCount(15);
  await expect.soft(pressed('Saved')).toHaveCount(18);
  await expect(
    fresh.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Saved/ }),
  ).toHaveText(/18/);
  for (let n = 0; n < 15; n++)
    await expect(button(fresh, n, 'Read')).toHaveAttribute('aria-pressed', 'true');
});
