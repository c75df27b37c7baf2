import { cleanup, screen, waitFor } from '@testing-library/react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest-cli';
import { SEED_DIGEST, fakeFetch, fixture } from '../helpers';
import { renderApp } from './render';

let dir = '';
let stop: (() => void) | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-days-'));
  const io = { out: () => {}, err: (line: string) => console.error(line) };
  expect(
    runIngest([SEED_DIGEST, fixture('two-days.jsonl'), '--year', '2025', '--out', dir], io),
  ).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  stop?.();
  cleanup();
});

describe('a dataset of one day explains itself', () => {
  it('says Week, Month, All days and the arrows have nothing more, and how to add days', async () => {
    stop = renderApp('/').stop;
    const note = await screen.findByRole('note');
    expect(note).toHaveTextContent(/This dataset holds one day \(Fri, Sep 19, 2025\)/);
    expect(note).toHaveTextContent('npm run fetch -- hf');
    expect(note).toHaveTextContent('npm run update');
    expect(screen.getByRole('button', { name: 'Previous day' })).toBeDisabled();
  });

  it('says nothing once there are more days to step through', async () => {
    stop = renderApp('/', { fetcher: fakeFetch(dir) }).stop;
    await screen.findByRole('heading', { level: 1, name: 'Friday, September 19, 2025' });
    expect(screen.getByRole('button', { name: 'Previous day' })).toBeEnabled();
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('a deep link to a day without papers', () => {
  it('shows the newest day, says so, and the URL shows the day displayed', async () => {
    stop = renderApp('/?date=2030-01-01&q=sparse').stop;
    await screen.findByRole('heading', { level: 1, name: 'Friday, September 19, 2025' });
    expect(
      await screen.findByText('There are no papers for 2030-01-01; showing the newest day.'),
    ).toBeVisible();
    await waitFor(() => expect(window.location.search).toBe('?q=sparse'));
  });
});
