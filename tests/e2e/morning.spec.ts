/**
 * The reader on a real morning, at 1280×800 and on a 390×844 phone (issue 12): how many papers a
 * screen shows, where the controls are, and each layout defect a new user hit, asserted as the
 * reader would notice it. Also makes the README screenshots (desktop and phone, light and dark).
 *
 * "A morning" is a day with authors, arXiv ids, votes, comments and categories, ingested into a
 * temporary folder and served in place of the dataset: the recorded Hugging Face day in
 * ../shared/real-feeds when it is there (the screenshots show real papers), else the embedded
 * day's papers with made-up authors and ids.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// The routes stand in for the dataset; a service worker would answer around them.
test.use({ serviceWorkers: 'block' });

const RECORDED = join(process.cwd(), '../shared/real-feeds/hf-daily-papers-api-2026-07-31.json');
const NAMES = [
  'Mira Okafor',
  'Tomasz Wilk',
  'Lena Hartmann',
  'Kenji Watanabe',
  'Priya Raman',
  'Jonas Eriksson',
  'Ana Lucía Ortega',
  'Wei Zhang',
  'Fatima Haddad',
  'Samuel Adeyemi',
];

/** The embedded day's papers, as a daily-papers tool would give them on a morning. */
function madeUpMorning(): string {
  const day = JSON.parse(readFileSync('data/days/2025-09-19.json', 'utf8')) as {
    papers: { title: string; abstract: string; links: { kind: string; url: string }[] }[];
  };
  return day.papers
    .slice(0, 14)
    .map((p, i) =>
      JSON.stringify({
        // One paper without an arXiv id: it gets "Find on arXiv".
        ...(i === 3 ? {} : { id: `2509.${10001 + i}` }),
        title: p.title,
        abstract: p.abstract,
        authors: Array.from({ length: i % 4 === 0 ? 14 : 2 + (i % 3) }, (_, k) =>
          k < NAMES.length ? NAMES[(i + k) % NAMES.length] : `Coauthor ${k + 1}`,
        ),
        upvotes: 140 - i * 9,
        numComments: i % 3,
        categories: i % 2 ? ['cs.LG', 'stat.ML'] : ['cs.CV'],
        github: p.links.find((l) => l.kind === 'code')?.url,
        date: '2025-09-22',
      }),
    )
    .join('\n');
}

let data = '';
let recorded = false;
test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-morning-e2e-'));
  data = join(dir, 'data');
  recorded = existsSync(RECORDED);
  const input = recorded ? RECORDED : join(dir, 'morning.jsonl');
  if (!recorded) writeFileSync(input, madeUpMorning());
  execFileSync('npx', ['tsx', 'scripts/ingest.ts', input, '--out', data], { stdio: 'pipe' });
});
test.afterAll(() => rmSync(join(data, '..'), { recursive: true, force: true }));

/** Serves the morning's dataset in place of the embedded one. */
async function serveMorning(page: Page) {
  await page.route('**/data/**', async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/data\//, '');
    const file = join(data, path);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(file) });
  });
}

async function openMorning(page: Page, url = '/') {
  await serveMorning(page);
  await page.goto(url);
  await expect(page.getByRole('article').first()).toBeVisible();
  await expect(page.locator('.result-count')).toHaveText(/^\d+ papers$/);
}

async function openFeed(page: Page, url = '/') {
  await page.goto(url);
  await expect(page.getByRole('article').first()).toBeVisible();
}

/** How many papers are wholly on the screen. */
const papersOnScreen = (page: Page) =>
  page.getByRole('article').evaluateAll((articles) => {
    const height = window.innerHeight;
    return articles.filter((a) => {
      const box = a.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= height;
    }).length;
  });

const box = async (page: Page, locator: ReturnType<Page['locator']>) => {
  const b = await locator.boundingBox();
  expect(b, 'the element is on the page').not.toBeNull();
  return b!;
};

test.describe('1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('three cards, or at least eight compact rows, on one screen', async ({ page }) => {
    await openMorning(page);
    expect(await papersOnScreen(page)).toBeGreaterThanOrEqual(3);
    const compact = page.getByRole('button', { name: 'Compact' });
    await compact.click();
    await expect(compact).toHaveAttribute('aria-pressed', 'true');
    expect(await papersOnScreen(page)).toBeGreaterThanOrEqual(8);
    // Remembered in this browser.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Compact' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await papersOnScreen(page)).toBeGreaterThanOrEqual(8);
  });

  test('the embedded day too: three cards, eight compact rows', async ({ page }) => {
    await openFeed(page);
    expect(await papersOnScreen(page)).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Compact' }).click();
    expect(await papersOnScreen(page)).toBeGreaterThanOrEqual(8);
  });

  test('Has code, Hide read and New since last visit are on screen; topic names fit on one line', async ({
    page,
  }) => {
    await openFeed(page);
    for (const name of [/^Has code/, 'Hide read', 'New since last visit']) {
      const b = await box(page, page.getByRole('checkbox', { name }));
      expect(b.y + b.height).toBeLessThanOrEqual(800);
    }
    const topics = await page
      .getByRole('list', { name: 'Topic filters' })
      .getByRole('button', { pressed: false })
      .filter({ hasNot: page.locator('.follow') })
      .evaluateAll((buttons) =>
        buttons
          .filter((b) => b.classList.contains('topic-toggle'))
          .map((b) => ({
            text: b.textContent,
            lines: Math.round(b.querySelector('.topic-label')!.getBoundingClientRect().height / 16),
            overflow: b.scrollWidth - b.clientWidth,
            height: b.getBoundingClientRect().height,
          })),
      );
    // The 17 built-in topics and the site topic of paperboy.config.json.
    expect(topics).toHaveLength(18);
    for (const t of topics) {
      expect(t.overflow, `${t.text} fits its button`).toBeLessThanOrEqual(0);
      expect(t.height, `${t.text} is one line`).toBeLessThanOrEqual(36);
    }
  });

  test('active filters are chips above the list; Clear all removes them', async ({ page }) => {
    await openFeed(page, '/?topics=sparsity&code=1');
    const chips = page.getByRole('group', { name: 'Active filters' });
    await expect(chips.getByRole('button')).toHaveText([
      'Sparsity & pruning',
      'Has code',
      'Clear all',
    ]);
    const first = await box(page, page.getByRole('article').first());
    expect((await box(page, chips)).y).toBeLessThan(first.y);
    await chips.getByRole('button', { name: 'Remove filter: Sparsity & pruning' }).click();
    await expect(page).toHaveURL(/\?code=1$/);
    await chips.getByRole('button', { name: 'Clear all' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(chips).toHaveCount(0);
  });

  test("the search box's focus ring goes round the whole box, icon included", async ({ page }) => {
    await openFeed(page);
    await page.keyboard.press('/');
    const input = page.getByRole('searchbox', { name: 'Search papers' });
    await expect(input).toBeFocused();
    const ring = await input.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    const field = await box(page, input);
    const icon = await box(page, page.locator('form[role="search"] svg'));
    expect(icon.x).toBeGreaterThan(field.x);
    expect(icon.x + icon.width).toBeLessThan(field.x + field.width);
    expect(icon.y).toBeGreaterThanOrEqual(field.y);
    expect(icon.y + icon.height).toBeLessThanOrEqual(field.y + field.height);
  });

  test('the topic chart cuts no topic name and no date', async ({ page }) => {
    await openFeed(page);
    const chart = page.getByRole('img', { name: /^Papers per topic per day/ });
    await expect(chart).toBeVisible();
    const labels = await chart
      .locator('.chart-label')
      .evaluateAll((spans) =>
        spans.map((s) => ({ text: s.textContent, overflow: s.scrollWidth - s.clientWidth })),
      );
    expect(labels.length).toBeGreaterThan(5);
    for (const l of labels) {
      expect(l.text).not.toContain('…');
      expect(l.overflow, `${l.text} is not cut`).toBeLessThanOrEqual(0);
    }
    expect(labels.map((l) => l.text)).toContain('Data assimilation & model error');
    const sidebar = await box(page, page.locator('.sidebar'));
    const axis = await box(page, chart.locator('.chart-axis span').first());
    await expect(chart.locator('.chart-axis span').first()).toHaveText('Fri, Sep 19');
    expect(axis.x + axis.width).toBeLessThanOrEqual(sidebar.x + sidebar.width);
    await expect(chart).toHaveAccessibleName(/ over 1 day;/);
  });

  test('the header links stay in place from page to page', async ({ page }) => {
    const places: Record<string, number[]> = {};
    for (const path of [
      '/',
      '/saved',
      '/subscribe',
      '/nowhere',
      '/papers/sparsenerf-distilling-depth-ranking-for-few-shot-novel-view-synthesis',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      places[path] = await nav.evaluateAll((links) =>
        links.flatMap((l) => {
          const b = l.getBoundingClientRect();
          return [Math.round(b.x * 10) / 10, Math.round(b.width * 10) / 10];
        }),
      );
    }
    for (const [path, place] of Object.entries(places)) expect(place, path).toEqual(places['/']);
  });

  test("a short page's footer is at the bottom of the window", async ({ page }) => {
    await page.goto('/nowhere');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    const footer = await box(page, page.locator('footer'));
    expect(Math.abs(footer.y + footer.height - 800)).toBeLessThanOrEqual(1);
  });
});

test.describe('390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the list's controls are one row; the first paper's title, authors and actions are on the first screen", async ({
    page,
  }) => {
    await openMorning(page);
    const controls = [
      page.getByRole('button', { name: /^Topics & filters/ }),
      page.locator('.result-count'),
      page.getByRole('combobox', { name: 'Sort' }),
      page.getByRole('button', { name: 'Compact' }),
    ];
    const middles = [];
    for (const c of controls) {
      const b = await box(page, c);
      expect(b.x + b.width).toBeLessThanOrEqual(390);
      middles.push(b.y + b.height / 2);
    }
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThanOrEqual(4);
    // The day picker and views wait behind the filters button.
    await expect(page.getByRole('combobox', { name: 'Go to day' })).toBeHidden();
    const first = page.getByRole('article').first();
    for (const part of [
      first.getByRole('heading'),
      first.locator('.card-authors'),
      first.getByRole('button', { name: 'Save' }),
      first.getByRole('button', { name: 'Read' }),
    ]) {
      const b = await box(page, part);
      expect(b.y + b.height).toBeLessThanOrEqual(844);
    }
    await page.getByRole('button', { name: /^Topics & filters/ }).click();
    await expect(page.getByRole('combobox', { name: 'Go to day' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Week' })).toBeVisible();
  });

  test('the shortcuts dialog keeps each key on one line', async ({ page }) => {
    await openFeed(page);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    const keys = await dialog
      .locator('kbd')
      .evaluateAll((kbds) =>
        kbds.map((k) => ({ text: k.textContent, lines: k.getClientRects().length })),
      );
    expect(keys.map((k) => k.text)).toContain('"sparse attention" -vision');
    for (const k of keys) expect(k.lines, `${k.text} on one line`).toBe(1);
    // "o or Enter" is one line: both keys have the same top.
    const row = dialog.getByRole('row', { name: /Open the paper/ });
    const tops = await row
      .locator('kbd')
      .evaluateAll((kbds) => kbds.map((k) => Math.round(k.getBoundingClientRect().top)));
    expect(tops).toHaveLength(2);
    expect(tops[0]).toBe(tops[1]);
  });

  test('the topic checkboxes of Subscribe keep their size beside two-line labels', async ({
    page,
  }) => {
    await page.goto('/subscribe');
    const boxes = page.getByRole('group', { name: /^Topics/ }).getByRole('checkbox');
    await expect(boxes).toHaveCount(18);
    const sizes = await boxes.evaluateAll((inputs) =>
      inputs.map((i) => Math.round(i.getBoundingClientRect().width)),
    );
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
    expect(new Set(sizes).size).toBe(1);
  });
});

for (const [device, use, shots] of [
  [
    'desktop',
    { viewport: { width: 1280, height: 800 } },
    [
      ['docs/screenshot.png', 'light'],
      ['docs/screenshot-dark.png', 'dark'],
    ],
  ],
  [
    'phone',
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    [
      ['docs/screenshot-phone.png', 'light'],
      ['docs/screenshot-phone-dark.png', 'dark'],
    ],
  ],
] as const)
  test.describe(`README screenshots, ${device}`, () => {
    test.use(use);
    for (const [file, scheme] of shots)
      test(`${file}: a morning, ${scheme}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await openMorning(page);
        await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
        // The chart loads after the list: wait for it where it is shown.
        if (device === 'desktop')
          await expect(page.getByRole('img', { name: /^Papers per topic/ })).toBeVisible();
        await page.screenshot({ path: file });
        console.log(
          `${file}: ${recorded ? 'the recorded Hugging Face day' : 'the made-up morning'}`,
        );
      });
  });
