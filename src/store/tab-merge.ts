/**
 * Several tabs, one storage. Each entry of the reader's state (a saved paper, a read mark, a
 * followed topic or author, an own topic, a subscription) and each setting (theme, density,
 * visits) carries the time it last changed; an entry that was removed keeps its time as a
 * tombstone. Merging two copies keeps, entry by entry, the side that changed last, so merging is
 * order-free and repeatable: every tab that merges what storage holds into its own copy, and
 * writes back whatever storage lacks, ends with the same state, and no change made in any tab is
 * undone by another tab's stale copy.
 */
import { dict, own } from '../domain/records';
import type { TopicRule } from '../domain/topic-rules';
import { authorKey, type PersonalState, type Subscription } from './personal';

/** When each entry last changed (ms), by `part:key`, removed entries included (tombstones). */
export type Stamps = Record<string, number>;

export interface Stamped {
  state: PersonalState;
  stamps: Stamps;
}

/** Tombstones older than this are forgotten (every open tab has merged them long before). */
export const TOMBSTONE_MS = 30 * 24 * 3600 * 1000;

const PARTS = [
  'saved',
  'read',
  'followed',
  'followedAuthors',
  'ownTopics',
  'subscriptions',
] as const;
type Part = (typeof PARTS)[number];
const SETTINGS = ['theme', 'density', 'visits'] as const;

/** The entries of one part, by key, in the state's order. */
function entriesOf(state: PersonalState, part: Part): Map<string, unknown> {
  switch (part) {
    case 'saved':
    case 'read':
      return new Map(Object.entries(state[part]));
    case 'followed':
      return new Map(state.followed.map((t) => [t, t]));
    case 'followedAuthors':
      return new Map(state.followedAuthors.map((a) => [authorKey(a), a]));
    case 'ownTopics':
      return new Map(state.ownTopics.map((t) => [t.id, t]));
    case 'subscriptions':
      return new Map(state.subscriptions.map((s) => [String(s.createdAt), s]));
  }
}

function partFrom(part: Part, entries: Map<string, unknown>): PersonalState[Part] {
  const values = [...entries.values()];
  switch (part) {
    case 'saved':
    case 'read':
      return dict(Object.fromEntries(entries)) as PersonalState[Part];
    case 'followed':
    case 'followedAuthors':
      return values as string[];
    case 'ownTopics':
      return values as TopicRule[];
    case 'subscriptions':
      return values as Subscription[];
  }
}

/** An entry's time when storage holds none for it (data from before stamps): its own date. */
function implicitStamp(part: Part, value: unknown): number {
  const v = value as Record<string, unknown>;
  const t =
    part === 'saved'
      ? v.savedAt
      : part === 'read'
        ? v.at
        : part === 'subscriptions'
          ? v.createdAt
          : 0;
  return typeof t === 'number' && Number.isFinite(t) ? t : 0;
}

const text = (v: unknown) => JSON.stringify(v) ?? '';
const same = (a: unknown, b: unknown) => a === b || text(a) === text(b);

interface Side {
  present: boolean;
  value: unknown;
  stamp: number;
  explicit: boolean;
}

function side(stamps: Stamps, key: string, value: unknown, present: boolean, part?: Part): Side {
  const explicit = Object.hasOwn(stamps, key);
  const stamp = explicit ? stamps[key]! : present && part ? implicitStamp(part, value) : 0;
  return { present, value, stamp, explicit };
}

/** The side that wins: the later change; on a tie, a present entry, then the larger value. */
function winner(a: Side, b: Side): Side {
  if (a.stamp !== b.stamp) return a.stamp > b.stamp ? a : b;
  if (a.present !== b.present) return a.present ? a : b;
  return text(a.value) >= text(b.value) ? a : b;
}

/**
 * The stamps after this tab went from `before` to `after`: every entry or setting that changed
 * (added, edited or removed) is stamped `now`, or just after its previous stamp if the clock is
 * behind it.
 */
export function restamp(before: Stamped, after: PersonalState, now: number): Stamps {
  const stamps = dict(before.stamps);
  const bump = (key: string, prev: Side) => {
    stamps[key] = Math.max(now, prev.stamp + 1);
  };
  for (const part of PARTS) {
    if (before.state[part] === after[part]) continue;
    const was = entriesOf(before.state, part);
    const is = entriesOf(after, part);
    for (const key of new Set([...was.keys(), ...is.keys()])) {
      const a = was.get(key);
      const b = is.get(key);
      if (was.has(key) === is.has(key) && same(a, b)) continue;
      const k = `${part}:${key}`;
      bump(k, side(before.stamps, k, a, was.has(key), part));
    }
  }
  for (const setting of SETTINGS)
    if (!same(before.state[setting], after[setting]))
      bump(setting, side(before.stamps, setting, before.state[setting], true));
  return stamps;
}

/**
 * The merge of two copies: for each entry and setting, the copy that changed it last. `mine`'s
 * objects are kept where `mine` wins a whole part, so an unchanged part stays the same object.
 */
export function mergeStamped(mine: Stamped, theirs: Stamped): Stamped {
  const stamps = dict<number>();
  const state = { ...mine.state };
  const record = (key: string, w: Side, a: Side, b: Side) => {
    if (a.explicit || b.explicit) stamps[key] = w.stamp;
  };
  for (const part of PARTS) {
    const ours = entriesOf(mine.state, part);
    const other = entriesOf(theirs.state, part);
    const out = new Map<string, unknown>();
    let changed = false;
    // Our order first, then theirs for what only they have.
    for (const key of new Set([...ours.keys(), ...other.keys()])) {
      const k = `${part}:${key}`;
      const a = side(mine.stamps, k, ours.get(key), ours.has(key), part);
      const b = side(theirs.stamps, k, other.get(key), other.has(key), part);
      const w = winner(a, b);
      record(k, w, a, b);
      if (w.present) out.set(key, w.value);
      if (w !== a && !(a.present === w.present && same(a.value, w.value))) changed = true;
    }
    if (changed) (state as Record<Part, unknown>)[part] = partFrom(part, out);
  }
  for (const setting of SETTINGS) {
    const a = side(mine.stamps, setting, mine.state[setting], true);
    const b = side(theirs.stamps, setting, theirs.state[setting], true);
    const w = winner(a, b);
    record(setting, w, a, b);
    if (w !== a && !same(a.value, w.value)) (state as Record<string, unknown>)[setting] = w.value;
  }
  // Tombstones the other side has for entries neither side holds any more.
  for (const [k, t] of [...Object.entries(mine.stamps), ...Object.entries(theirs.stamps)])
    if (!Object.hasOwn(stamps, k) || stamps[k]! < t) stamps[k] = t;
  return { state, stamps };
}

/** The same entries, settings and stamps (order aside). */
export function sameStamped(a: Stamped, b: Stamped): boolean {
  for (const part of PARTS) {
    const x = entriesOf(a.state, part);
    const y = entriesOf(b.state, part);
    if (x.size !== y.size) return false;
    for (const [key, v] of x) {
      if (!y.has(key) || !same(v, y.get(key))) return false;
      const k = `${part}:${key}`;
      if (
        side(a.stamps, k, v, true, part).stamp !== side(b.stamps, k, y.get(key), true, part).stamp
      )
        return false;
    }
  }
  for (const setting of SETTINGS) if (!same(a.state[setting], b.state[setting])) return false;
  const keys = new Set([...Object.keys(a.stamps), ...Object.keys(b.stamps)]);
  for (const k of keys) {
    const ta = own(a.stamps, k);
    const tb = own(b.stamps, k);
    if (ta === tb) continue;
    // A stamp on one side only that equals the other's implied time is the same.
    if (ta !== undefined && tb !== undefined) return false;
    if (!impliedEqual(k, ta ?? tb!, ta === undefined ? a : b)) return false;
  }
  return true;
}

/** Whether `stamp`, held by one side only, is what `other` implies for key `k`. */
function impliedEqual(k: string, stamp: number, other: Stamped): boolean {
  const colon = k.indexOf(':');
  if (colon < 0) return false;
  const part = k.slice(0, colon) as Part;
  if (!PARTS.includes(part)) return false;
  const entries = entriesOf(other.state, part);
  const key = k.slice(colon + 1);
  return entries.has(key) && implicitStamp(part, entries.get(key)) === stamp;
}

/** The stamps without tombstones older than TOMBSTONE_MS. */
export function pruneTombstones(s: Stamped, now: number): Stamps {
  const out = dict<number>();
  const live = new Map(PARTS.map((p) => [p, entriesOf(s.state, p)]));
  for (const [k, t] of Object.entries(s.stamps)) {
    const colon = k.indexOf(':');
    const part = (colon < 0 ? k : k.slice(0, colon)) as Part;
    const present = colon < 0 || live.get(part)?.has(k.slice(colon + 1));
    if (present || t >= now - TOMBSTONE_MS) out[k] = t;
  }
  return out;
}

/** Stamps as read from storage: finite numbers under known keys, at most `max` of them. */
export function restoreStamps(value: unknown, max: number): Stamps {
  const out = dict<number>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  let n = 0;
  for (const [k, t] of Object.entries(value)) {
    if (n >= max) break;
    if (typeof t !== 'number' || !Number.isFinite(t)) continue;
    const colon = k.indexOf(':');
    const known =
      colon < 0
        ? (SETTINGS as readonly string[]).includes(k)
        : (PARTS as readonly string[]).includes(k.slice(0, colon));
    if (!known) continue;
    out[k] = t;
    n++;
  }
  return out;
}
