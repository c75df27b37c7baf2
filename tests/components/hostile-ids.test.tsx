import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest-cli';
import { restorePersonal } from '../../src/store/personal';
import { fakeFetch } from '../helpers';
import { renderApp } from './render';

// Ids and titles that are also names of Object's own properties.
const TITLES = ['Constructor', 'toString', '__proto__', 'hasOwnProperty'];

let dir = '';
let stop: (() => void) | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-ids-'));
  writeFileSync(
    join(dir, 'day.jsonl'),
    TITLES.map((title) =>
      JSON.stringify({ title, abstract: `${title}: a paper.`, date: '2025-09-22' }),
    ).join('\n'),
  );
  const io = { out: () => {}, err: (line: string) => console.error(line) };
  expect(runIngest([join(dir, 'day.jsonl'), '--out', join(dir, 'data')], io)).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  stop?.();
  cleanup();
});

describe('papers named after Object properties', () => {
  it('start unsaved and unread, save, and open their page', async () => {
    const user = userEvent.setup();
    const app = renderApp('/', { fetcher: fakeFetch(join(dir, 'data')) });
    stop = app.stop;
    for (const title of TITLES) {
      const card = await screen.findByRole('article', { name: new RegExp(`^${title}`) });
      expect(within(card).getByRole('button', { name: /^Save/ })).toHaveAttribute(
        'aria-pressed',
        'false',
      );
      expect(within(card).getByRole('button', { name: /^Read/ })).toHaveAttribute(
        'aria-pressed',
        'false',
      );
    }
    const constructor = screen.getByRole('article', { name: /^Constructor/ });
    await user.click(within(constructor).getByRole('button', { name: /^Save/ }));
    expect(within(constructor).getByRole('button', { name: /^Save/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(Object.keys(app.store.getState().saved)).toEqual(['constructor']);
    await user.click(within(constructor).getByRole('link', { name: 'Constructor' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Constructor' })).toBeVisible();
  });

  it('opens /papers/constructor directly without a crash', async () => {
    const app = renderApp('/papers/constructor', { fetcher: fakeFetch(join(dir, 'data')) });
    stop = app.stop;
    expect(await screen.findByRole('heading', { level: 1, name: 'Constructor' })).toBeVisible();
  });

  it('restores stored state holding these ids without a warning', () => {
    const entry = { date: '2025-09-22', title: 'Constructor', savedAt: 1 };
    const { state, problems } = restorePersonal(
      {
        saved: { constructor: entry, tostring: entry },
        read: { constructor: { date: '2025-09-22', at: 1 } },
      },
      1,
    );
    expect(problems).toEqual([]);
    expect(Object.keys(state.saved)).toEqual(['constructor', 'tostring']);
    expect(Object.hasOwn(state.read, 'tostring')).toBe(false);
  });
});
