import { describe, expect, it } from 'vitest';
import {
  NOTE_MAX,
  PERSONAL_VERSION,
  restorePersonal,
  type PersonalState,
} from '../../src/store/personal';
import { mergeStamped, restamp } from '../../src/store/tab-merge';

/** Two tabs that each changed `base`: the merge of their copies. */
const mergeTabs = (base: PersonalState, mine: PersonalState, theirs: PersonalState) => {
  const from = { state: base, stamps: {} };
  return mergeStamped(
    { state: mine, stamps: restamp(from, mine, 2) },
    { state: theirs, stamps: restamp(from, theirs, 2) },
  ).state;
};
import { EXPORT_KIND, readExportFile, toExportFile } from '../../src/store/transfer';
import { makeStore } from '../../src/store';
import { MemoryStorage } from '../helpers';

const file = (data: object) =>
  JSON.stringify({ kind: EXPORT_KIND, version: 1, exportedAt: '', data });
const entry = { date: '2025-09-19', title: 'SparseNeRF', savedAt: 1 };

describe('imports are checked like the forms', () => {
  it('refuses a file with a 6 MB note, and cuts a long note to the limit, keeping the paper', () => {
    const result = readExportFile(
      file({ saved: { sparsenerf: { ...entry, note: 'n'.repeat(6e6 - 100) } } }),
    );
    expect(result.ok).toBe(false);
    const small = readExportFile(
      file({ saved: { sparsenerf: { ...entry, note: 'n'.repeat(3000) } } }),
    );
    expect(small.ok && small.state.saved.sparsenerf!.note).toHaveLength(NOTE_MAX);
    expect(small.ok && small.problems).toEqual(['1 note was cut to 2,000 characters']);
  });

  it('refuses a file over 5 MB before reading it', () => {
    const big = readExportFile(file({ saved: {}, pad: 'x'.repeat(6e6) }));
    expect(big).toEqual({
      ok: false,
      error: expect.stringMatching(/^That file is 6\.0 MB; a Paperboy export is at most 5 MB/),
    });
  });

  it('leaves out a subscription with no real address, and topics that do not exist', () => {
    const result = readExportFile(
      file({
        followed: ['sparsity', 'no-such-topic'],
        subscriptions: [
          {
            email: '<script>alert(1)</script>',
            topics: ['sparsity'],
            frequency: 'daily',
            createdAt: 1,
          },
          {
            email: 'ada@example.org',
            topics: ['sparsity', 'bogus'],
            frequency: 'weekly',
            createdAt: 2,
          },
        ],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.followed).toEqual(['sparsity']);
    expect(result.state.subscriptions).toEqual([
      { email: 'ada@example.org', topics: ['sparsity'], frequency: 'weekly', createdAt: 2 },
    ]);
    expect(result.problems).toEqual([
      'followed topics that do not exist were left out ("no-such-topic")',
      'a subscription without a valid email address was left out',
    ]);
  });

  it('keeps at most 20,000 saved papers, the newest', () => {
    const saved = Object.fromEntries(
      Array.from({ length: 20_005 }, (_, i) => [`p${i}`, { ...entry, savedAt: i }]),
    );
    const result = readExportFile(file({ saved }));
    expect(result.ok && Object.keys(result.state.saved)).toHaveLength(20_000);
    expect(result.ok && Object.hasOwn(result.state.saved, 'p0')).toBe(false);
    expect(result.ok && result.problems).toEqual([
      '20,005 saved papers are more than the 20,000 kept; the newest were kept',
    ]);
  });
});

describe('your own topics in stored state, exports and other tabs', () => {
  const ot = {
    id: 'my-optimal-transport',
    label: 'Optimal transport',
    include: ['optimal transport'],
    exclude: [],
  };

  it('round-trips through an export, and an import adds them without replacing yours', async () => {
    const state = restorePersonal({ ownTopics: [ot], followed: [ot.id] }, PERSONAL_VERSION).state;
    const text = JSON.stringify(toExportFile(state, new Date(0)));
    const back = readExportFile(text);
    expect(back.ok && back.state.ownTopics).toEqual([ot]);
    expect(back.ok && back.state.followed).toEqual([ot.id]);
    const store = makeStore({ storage: () => new MemoryStorage(), listen: false });
    store.getState().saveOwnTopic({ ...ot, include: ['wasserstein'] });
    const added = await store.getState().mergePersonal(back.ok ? back.state : state);
    expect(added.ownTopics).toBe(0);
    expect(store.getState().ownTopics[0]!.include).toEqual(['wasserstein']);
  });

  it('drops unreadable topics and followed own topics that no longer exist, saying so', () => {
    const { state, problems } = restorePersonal(
      {
        ownTopics: [ot, { id: 'my-bad', label: '', include: [] }, { ...ot }, 'x'],
        followed: [ot.id, 'my-deleted', 'site-benchmarks'],
      },
      PERSONAL_VERSION,
    );
    expect(state.ownTopics).toEqual([ot]);
    expect(state.followed).toEqual([ot.id, 'site-benchmarks']);
    expect(problems).toContain('3 of your own topics were unreadable');
    expect(problems.join(' ')).toMatch(/followed topics that do not exist.*my-deleted/);
  });

  it('merges topics made in two tabs, and a deletion in one tab reaches the other', () => {
    const base = restorePersonal({ ownTopics: [ot] }, PERSONAL_VERSION).state;
    const other = { ...ot, id: 'my-other', label: 'Other' };
    const third = { ...ot, id: 'my-third', label: 'Third' };
    const mine = { ...base, ownTopics: [ot, other] };
    const theirs = { ...base, ownTopics: [third] };
    expect(
      mergeTabs(base, mine, theirs)
        .ownTopics.map((t) => t.id)
        .sort(),
    ).toEqual(['my-other', 'my-third']);
  });
});

describe('collections and followed authors in stored state, exports and other tabs', () => {
  it('cleans collection names and keeps followed authors once each', () => {
    const { state } = restorePersonal(
      {
        saved: {
          sparsenerf: {
            ...entry,
            collections: ['  Sparse   training ', 'Sparse training', '', 'x'.repeat(80)],
          },
        },
        followedAuthors: ['Grace Hopper', 'grace  hopper', 'Grace Hopper.', 42, ' '],
      },
      PERSONAL_VERSION,
    );
    expect(state.saved.sparsenerf!.collections).toEqual(['Sparse training', 'x'.repeat(60)]);
    expect(state.followedAuthors).toEqual(['Grace Hopper']);
  });

  it('an import adds collections to papers saved here and authors not followed yet', async () => {
    const store = makeStore({ storage: () => new MemoryStorage(), listen: false });
    store.getState().toggleSaved({ id: 'sparsenerf', date: '2025-09-19', title: 'SparseNeRF' });
    store.getState().setCollections('sparsenerf', ['Mine']);
    store.getState().toggleFollowAuthor('Ada Lovelace');
    const back = readExportFile(
      file({
        saved: { sparsenerf: { ...entry, collections: ['Theirs', 'Mine'] } },
        followedAuthors: ['ada lovelace', 'Alan Turing'],
      }),
    );
    const added = await store.getState().mergePersonal(back.ok ? back.state : ({} as never));
    expect(added).toMatchObject({ collections: 1, followedAuthors: 1 });
    expect(store.getState().saved.sparsenerf!.collections).toEqual(['Mine', 'Theirs']);
    expect(store.getState().followedAuthors).toEqual(['Ada Lovelace', 'Alan Turing']);
  });

  it('merges authors followed in two tabs', () => {
    const base = restorePersonal({ followedAuthors: ['A'] }, PERSONAL_VERSION).state;
    const merged = mergeTabs(
      base,
      { ...base, followedAuthors: ['A', 'B'] },
      { ...base, followedAuthors: ['C'] },
    );
    expect(merged.followedAuthors.sort()).toEqual(['B', 'C']);
  });
});
