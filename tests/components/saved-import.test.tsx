import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { STORAGE_KEY } from '../../src/store/storage';
import { MemoryStorage, fakeFetch } from '../helpers';
import { renderApp } from './render';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  cleanup();
});

describe('the Saved page after a large import', () => {
  it('asks only for the days the dataset has, and lists the rest as no longer here', async () => {
    // 5,001 saved papers on invented dates, and one real one.
    const saved: Record<string, object> = {};
    for (let i = 0; i < 5_001; i++) {
      const day = new Date(Date.UTC(2001, 0, 1 + i)).toISOString().slice(0, 10);
      saved[`invented-${i}`] = { date: day, title: `Invented ${i}`, savedAt: i };
    }
    saved['sparsenerf-distilling-depth-ranking-for-few-shot-novel-view-synthesis'] = {
      date: '2025-09-19',
      title: 'SparseNeRF',
      savedAt: 10_000,
    };
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, state: { saved } }));
    const requested: string[] = [];
    const base = fakeFetch();
    const fetcher = ((input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(String(input));
      return base(input, init);
    }) as typeof fetch;
    stop = renderApp('/saved', { storage, fetcher }).stop;
    expect(
      await screen.findByRole('heading', { name: 'Saved papers no longer in the dataset' }),
    ).toBeVisible();
    expect(await screen.findByRole('article', { name: /^SparseNeRF/ })).toBeVisible();
    expect(requested.filter((u) => u.includes('/days/'))).toEqual(['/data/days/2025-09-19.json']);
  });
});
