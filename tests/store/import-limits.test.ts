import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/domain/limits';
import { EMPTY_PERSONAL, PERSONAL_VERSION, restorePersonal } from '../../src/store/personal';
import { EXPORT_KIND, readExportFile } from '../../src/store/transfer';
import { makeStore } from '../../src/store';
import { MemoryStorage } from '../helpers';

const file = (data: object) =>
  JSON.stringify({ kind: EXPORT_KIND, version: PERSONAL_VERSION, exportedAt: '', data });
const topics = (n: number, prefix = 't') =>
  Array.from({ length: n }, (_, i) => `site-${prefix}${i}`);
const marks = (n: number, prefix = 'p') =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`${prefix}${i}`, { date: '2025-09-19', at: i }]),
  );
const sub = (i: number, topicList: string[] = ['llm']) => ({
  email: `reader${i}@example.org`,
  topics: topicList,
  frequency: 'daily',
  createdAt: i,
});

describe('imports are capped, and say what was cut', () => {
  it('a file of 250,000 followed topics keeps the first 500, saying so', () => {
    const text = file({ followed: topics(250_000) });
    expect(text.length).toBeLessThan(LIMITS.importBytes);
    const result = readExportFile(text);
    if (!result.ok) throw new Error(result.error);
    expect(result.state.followed).toEqual(topics(500));
    expect(result.problems).toEqual(['only the first 500 of 250,000 followed topics were kept']);
  });

  it('250,000 followed topics and 250,000 read marks: 500 topics and the newest 20,000 marks', () => {
    const { state, problems } = restorePersonal(
      { followed: topics(250_000), read: marks(250_000) },
      PERSONAL_VERSION,
    );
    expect(state.followed).toHaveLength(500);
    expect(Object.keys(state.read)).toHaveLength(20_000);
    expect(Object.hasOwn(state.read, 'p249999')).toBe(true);
    expect(Object.hasOwn(state.read, 'p0')).toBe(false);
    expect(problems).toEqual([
      '250,000 read marks are more than the 20,000 kept; the newest were kept',
      'only the first 500 of 250,000 followed topics were kept',
    ]);
  });

  it('caps followed authors, subscriptions, their topics, collections per paper and in all', () => {
    const saved = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [
        `p${i}`,
        {
          date: '2025-09-19',
          title: `Paper ${i}`,
          savedAt: i,
          collections: Array.from({ length: 25 }, (_, j) => `c${i}-${j}`),
        },
      ]),
    );
    const { state, problems } = restorePersonal(
      {
        saved,
        followedAuthors: Array.from({ length: 600 }, (_, i) => `Author ${i}`),
        subscriptions: [sub(0, topics(1_000)), ...Array.from({ length: 59 }, (_, i) => sub(i + 1))],
      },
      PERSONAL_VERSION,
    );
    expect(state.followedAuthors).toHaveLength(500);
    expect(state.subscriptions).toHaveLength(50);
    expect(state.subscriptions[0]!.topics).toHaveLength(500);
    expect(state.saved.p0!.collections).toHaveLength(20);
    const names = new Set(Object.values(state.saved).flatMap((e) => e.collections ?? []));
    expect(names.size).toBe(500);
    expect(problems).toEqual([
      'only the first 20 collections of 60 saved papers were kept',
      'only the first 500 of 1,200 collections were kept',
      'only the first 500 of 600 followed authors were kept',
      'only the first 50 of 60 subscriptions were kept',
      'only the first 500 topics of 1 subscription were kept',
    ]);
  });
});

describe('merging an import into what is here', () => {
  it('200,000 read marks and followed topics merge in one pass, within the caps', async () => {
    const store = makeStore({ storage: () => new MemoryStorage(), listen: false });
    store.getState().toggleFollow('site-here');
    store.getState().markRead({ id: 'here', date: '2025-09-19' });
    const added = await store.getState().mergePersonal({
      ...EMPTY_PERSONAL,
      followed: topics(200_000),
      read: marks(200_000),
    });
    expect(store.getState().followed).toHaveLength(500);
    expect(store.getState().followed[0]).toBe('site-here');
    expect(Object.keys(store.getState().read)).toHaveLength(20_000);
    expect(Object.hasOwn(store.getState().read, 'here')).toBe(true);
    expect(Object.hasOwn(store.getState().read, 'p199999')).toBe(true);
    expect(added).toMatchObject({ followed: 499, read: 19_999 });
    expect(added.problems).toEqual([
      'only 19,999 of 200,000 imported read marks were added (the newest): 20,000 are kept in all',
      'only 499 of 200,000 imported followed topics were added: 500 are kept in all',
    ]);
  });
});
