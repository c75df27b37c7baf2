/** The merge of two tabs' copies, entry by entry by the time each entry last changed. */
import { describe, expect, it } from 'vitest';
import { EMPTY_PERSONAL, type PersonalState } from '../../src/store/personal';
import {
  TOMBSTONE_MS,
  mergeStamped,
  pruneTombstones,
  restamp,
  restoreStamps,
  sameStamped,
  type Stamped,
} from '../../src/store/tab-merge';

const T = Date.parse('2025-09-20T08:00:00Z');
const entry = (savedAt: number) => ({ date: '2025-09-19', title: 'A paper', savedAt });
const start: Stamped = { state: structuredClone(EMPTY_PERSONAL), stamps: {} };
/** A tab's change from `from`, stamped at `now`. */
const change = (from: Stamped, now: number, edit: (s: PersonalState) => PersonalState): Stamped => {
  const state = edit(from.state);
  return { state, stamps: restamp(from, state, now) };
};
const save = (id: string, now: number) => (s: PersonalState) => ({
  ...s,
  saved: { ...s.saved, [id]: entry(now) },
});
const unsave = (id: string) => (s: PersonalState) => {
  const saved = { ...s.saved };
  delete saved[id];
  return { ...s, saved };
};

describe('merging two tabs', () => {
  const common = change(start, T, save('x', T));

  it('an unsave in tab A while tab B saves another paper: both effects kept, either order', () => {
    const a = change(common, T + 5, unsave('x'));
    const b = change(common, T + 5, save('y', T + 5));
    for (const merged of [mergeStamped(a, b), mergeStamped(b, a)])
      expect(Object.keys(merged.state.saved)).toEqual(['y']);
    expect(sameStamped(mergeStamped(a, b), mergeStamped(b, a))).toBe(true);
  });

  it('an unsave is not undone by a copy from before it, even with the clock standing still', () => {
    const a = change(common, T, unsave('x')); // the same millisecond as the save
    expect(mergeStamped(common, a).state.saved).toEqual({});
    expect(mergeStamped(a, common).state.saved).toEqual({});
  });

  it('a paper saved again after an unsave in the other tab is saved', () => {
    const a = change(common, T + 1, unsave('x'));
    const b = change(common, T + 2, (s) => ({ ...s, saved: { ...s.saved, x: entry(T + 2) } }));
    expect(Object.keys(mergeStamped(a, b).state.saved)).toEqual(['x']);
  });

  it('an unread, an unfollow and a removed own topic reach the other copy', () => {
    const rule = {
      id: 'my-depth',
      label: 'Depth',
      description: '',
      any: ['depth'],
      all: [],
      none: [],
      fields: ['title'] as const,
    };
    const both = change(start, T, (s) => ({
      ...s,
      read: { r: { date: '2025-09-19', at: T } },
      followed: ['sparsity'],
      ownTopics: [rule as never],
    }));
    const a = change(both, T + 1, (s) => ({ ...s, read: {}, followed: [], ownTopics: [] }));
    const b = change(both, T + 1, (s) => ({ ...s, theme: 'dark' }));
    const merged = mergeStamped(b, a);
    expect(merged.state).toMatchObject({ read: {}, followed: [], ownTopics: [], theme: 'dark' });
  });

  it('the later of two edits to one entry wins; settings changed in one tab only are kept', () => {
    const a = change(common, T + 1, (s) => ({ ...s, saved: { x: { ...s.saved.x!, note: 'A' } } }));
    const b = change(common, T + 2, (s) => ({ ...s, saved: { x: { ...s.saved.x!, note: 'B' } } }));
    const c = change(common, T + 3, (s) => ({ ...s, density: 'compact' }));
    const merged = mergeStamped(mergeStamped(a, c), b);
    expect(merged.state.saved.x!.note).toBe('B');
    expect(merged.state.density).toBe('compact');
    // The same whatever the order.
    expect(sameStamped(merged, mergeStamped(b, mergeStamped(c, a)))).toBe(true);
  });

  it('merging a copy into itself changes nothing and keeps the same objects', () => {
    const a = change(common, T + 1, save('y', T + 1));
    const merged = mergeStamped(a, structuredClone(a));
    expect(merged.state.saved).toBe(a.state.saved);
    expect(sameStamped(merged, a)).toBe(true);
  });

  it('data from before stamps: entries count from the date they were saved or read', () => {
    const old: Stamped = {
      state: { ...EMPTY_PERSONAL, saved: { x: entry(T - 1000) } },
      stamps: {},
    };
    // A tab that unsaved x after it was saved wins over the old copy that still has it.
    const a = change(old, T, unsave('x'));
    expect(mergeStamped(old, a).state.saved).toEqual({});
  });

  it('forgets tombstones after 30 days, and reads back only sound stamps', () => {
    const a = change(common, T + 10, unsave('x'));
    expect(pruneTombstones(a, T + 10 + TOMBSTONE_MS)).toHaveProperty(['saved:x']);
    expect(pruneTombstones(a, T + 11 + TOMBSTONE_MS)).not.toHaveProperty(['saved:x']);
    expect(
      restoreStamps({ 'saved:x': 1, 'read:y': 'soon', 'nope:z': 3, theme: 4, other: 5 }, 10),
    ).toEqual({ 'saved:x': 1, theme: 4 });
    expect(restoreStamps(['saved:x'], 10)).toEqual({});
  });
});
