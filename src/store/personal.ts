/**
 * The reader's own state, kept in the browser: saved papers, read marks, followed topics, own
 * topics, subscriptions, visits and theme. What comes back from storage is validated entry by entry:
 * anything readable is kept, the rest is dropped with a notice.
 */
import * as z from 'zod/mini';
import { LIMITS, keptFirst } from '../domain/limits';
import { dict } from '../domain/records';
import { authorKey } from '../domain/visits';
import { PAPER_ID_PATTERN, isoDate } from '../domain/schema';
import { RULE_LIMITS, isOwnTopicId, isTopicIdShape, type TopicRule } from '../domain/topic-rules';
import { topicRuleSchema } from '../domain/topic-rule-schema';

export const PERSONAL_VERSION = 1;
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const FREQUENCIES = ['daily', 'weekly'] as const;
/** How the lists show papers: cards with the abstract, or one compact row each. */
export const DENSITIES = ['card', 'compact'] as const;
export type Density = (typeof DENSITIES)[number];

/** A note on a saved paper is kept up to this many characters. */
export const NOTE_MAX = LIMITS.note;
/** Characters of a collection's name; collections per paper; authors followed. */
export const COLLECTION_MAX = 60;
export const COLLECTIONS_PER_PAPER = LIMITS.collectionsPerPaper;
export const FOLLOWED_AUTHORS_MAX = LIMITS.followedAuthors;

/** A collection name as kept: spaces collapsed, trimmed, cut to COLLECTION_MAX. */
export const collectionName = (name: string) =>
  name.replace(/\s+/g, ' ').trim().slice(0, COLLECTION_MAX);

export { authorKey };

export const savedEntrySchema = z.object({
  date: isoDate,
  title: z.string().check(z.maxLength(LIMITS.title)),
  savedAt: z.number(),
  /** The reader's own note on the paper. */
  note: z.optional(z.string()),
  /** The named collections the paper is in (arxiv-sanity's tags). */
  collections: z.optional(z.array(z.string())),
});
export const readEntrySchema = z.object({ date: isoDate, at: z.number() });
export const subscriptionSchema = z.object({
  email: z.string(),
  topics: z.array(z.string()),
  frequency: z.enum(FREQUENCIES),
  createdAt: z.number(),
});
export const visitsSchema = z.object({
  /** The newest dataset day when the reader last came back after a break. */
  lastSeenDay: z.nullable(isoDate),
  /** When that was (ms). */
  lastVisitAt: z.nullable(z.number()),
  /** The newest day seen in the current visit. */
  currentDay: z.nullable(isoDate),
  currentVisitAt: z.nullable(z.number()),
});

export type SavedEntry = z.infer<typeof savedEntrySchema>;
export type ReadEntry = z.infer<typeof readEntrySchema>;
export type Subscription = z.infer<typeof subscriptionSchema>;
export type Visits = z.infer<typeof visitsSchema>;

export interface PersonalState {
  saved: Record<string, SavedEntry>;
  read: Record<string, ReadEntry>;
  followed: string[];
  /** Topics the reader defined by words ("New topic"), ids `my-…`. */
  ownTopics: TopicRule[];
  /** Authors whose new papers count as new, by name as shown. */
  followedAuthors: string[];
  subscriptions: Subscription[];
  visits: Visits;
  theme: Theme;
  density: Density;
}

export const EMPTY_PERSONAL: PersonalState = {
  saved: {},
  read: {},
  followed: [],
  ownTopics: [],
  followedAuthors: [],
  subscriptions: [],
  visits: { lastSeenDay: null, lastVisitAt: null, currentDay: null, currentVisitAt: null },
  theme: 'system',
  density: 'card',
};

export interface Restored {
  state: PersonalState;
  /** What could not be kept, for the notice; empty when everything was read. */
  problems: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function restoreMap<T>(
  value: unknown,
  schema: z.ZodMiniType<T>,
  [one, many]: [string, string],
  problems: string[],
): Record<string, T> {
  const out = dict<T>();
  if (value === undefined) return out;
  if (!isRecord(value)) {
    problems.push(`${many} were unreadable`);
    return out;
  }
  let dropped = 0;
  for (const [id, entry] of Object.entries(value)) {
    const checked = schema.safeParse(entry);
    if (PAPER_ID_PATTERN.test(id) && checked.success) out[id] = checked.data;
    else dropped++;
  }
  if (dropped)
    problems.push(dropped === 1 ? `1 ${one} was unreadable` : `${dropped} ${many} were unreadable`);
  return out;
}

/** Keeps at most LIMITS.importEntries entries, the newest by `when`. */
function capEntries<T>(
  entries: Record<string, T>,
  when: (entry: T) => number,
  what: string,
  problems: string[],
): Record<string, T> {
  const all = Object.entries(entries);
  if (all.length <= LIMITS.importEntries) return entries;
  problems.push(
    `${all.length.toLocaleString('en-US')} ${what} are more than the ${LIMITS.importEntries.toLocaleString('en-US')} kept; the newest were kept`,
  );
  return dict(
    Object.fromEntries(all.sort((a, b) => when(b[1]) - when(a[1])).slice(0, LIMITS.importEntries)),
  );
}

/**
 * Rebuilds personal state from whatever storage held, keeping every valid entry. Accepts the
 * current version and version 0 (saved and read as plain id lists).
 */
export function restorePersonal(
  stored: unknown,
  version: number,
  now: () => number = Date.now,
): Restored {
  const problems: string[] = [];
  if (!isRecord(stored))
    return {
      state: structuredClone(EMPTY_PERSONAL),
      problems:
        stored === undefined || stored === null ? [] : ['the stored data was not an object'],
    };
  let data = stored;
  if (version === 0) data = migrateV0(stored, now());
  else if (version > PERSONAL_VERSION)
    problems.push(
      `it was written by a newer Paperboy (version ${version}); what this version understands was kept`,
    );
  const saved = capEntries(
    restoreMap(data.saved, savedEntrySchema, ['saved paper', 'saved papers'], problems),
    (e) => e.savedAt,
    'saved papers',
    problems,
  );
  const read = capEntries(
    restoreMap(data.read, readEntrySchema, ['read mark', 'read marks'], problems),
    (e) => e.at,
    'read marks',
    problems,
  );
  // The same checks as the forms: notes as long as the note editor allows, real addresses,
  // topics that exist.
  let cutNotes = 0;
  for (const [id, entry] of Object.entries(saved))
    if (entry.note !== undefined && entry.note.length > NOTE_MAX) {
      saved[id] = { ...entry, note: entry.note.slice(0, NOTE_MAX) };
      cutNotes++;
    }
  // Collections: names cleaned, no blanks or repeats, at most COLLECTIONS_PER_PAPER a paper and
  // LIMITS.collections names in all (the first ones met are kept).
  const collections = new Set<string>();
  const allCollections = new Set<string>();
  let cutPapers = 0;
  for (const [id, entry] of Object.entries(saved))
    if (entry.collections !== undefined) {
      const unique = [...new Set(entry.collections.map(collectionName).filter(Boolean))];
      if (unique.length > COLLECTIONS_PER_PAPER) cutPapers++;
      const names: string[] = [];
      for (const name of unique.slice(0, COLLECTIONS_PER_PAPER)) {
        allCollections.add(name);
        if (!collections.has(name) && collections.size >= LIMITS.collections) continue;
        collections.add(name);
        names.push(name);
      }
      const next: SavedEntry = { ...entry, collections: names };
      if (!names.length) delete next.collections;
      saved[id] = next;
    }
  if (cutNotes)
    problems.push(
      `${cutNotes === 1 ? '1 note was' : `${cutNotes} notes were`} cut to ${NOTE_MAX.toLocaleString('en-US')} characters`,
    );
  if (cutPapers)
    problems.push(
      `only the first ${COLLECTIONS_PER_PAPER} collections of ${cutPapers === 1 ? '1 saved paper' : `${cutPapers.toLocaleString('en-US')} saved papers`} were kept`,
    );
  if (allCollections.size > collections.size)
    problems.push(keptFirst(collections.size, allCollections.size, 'collections'));
  const ownTopics = restoreOwnTopics(data.ownTopics, problems);
  // A topic exists if it is built in, has a site topic's shape (the index says which exist), or
  // is one of the reader's own.
  const ownIds = new Set(ownTopics.map((o) => o.id));
  const isTopicId = (t: string) => (isOwnTopicId(t) ? ownIds.has(t) : isTopicIdShape(t));
  // Followed topics: each once, the first LIMITS.followed of those that exist.
  const followed = new Set<string>();
  const unknown: string[] = [];
  let followedTotal = 0;
  if (data.followed !== undefined && !Array.isArray(data.followed))
    problems.push('followed topics were unreadable');
  else if (Array.isArray(data.followed)) {
    const seen = new Set<string>();
    for (const t of data.followed as unknown[]) {
      if (typeof t !== 'string' || seen.has(t)) continue;
      seen.add(t);
      if (!isTopicId(t)) unknown.push(t);
      else if (followedTotal++ < LIMITS.followed) followed.add(t);
    }
  }
  if (unknown.length)
    problems.push(
      `followed topics that do not exist were left out (${unknown
        .slice(0, 3)
        .map((t) => JSON.stringify(t.slice(0, 40)))
        .join(', ')})`,
    );
  if (followedTotal > followed.size)
    problems.push(keptFirst(followed.size, followedTotal, 'followed topics'));
  // Each author once (the first spelling kept), names cleaned, at most FOLLOWED_AUTHORS_MAX.
  const followedAuthors: string[] = [];
  const authorKeys = new Set<string>();
  for (const a of Array.isArray(data.followedAuthors) ? (data.followedAuthors as unknown[]) : []) {
    if (typeof a !== 'string' || !a.trim()) continue;
    const name = a.replace(/\s+/g, ' ').trim().slice(0, LIMITS.author);
    const key = authorKey(name);
    if (authorKeys.has(key)) continue;
    authorKeys.add(key);
    if (followedAuthors.length < FOLLOWED_AUTHORS_MAX) followedAuthors.push(name);
  }
  if (data.followedAuthors !== undefined && !Array.isArray(data.followedAuthors))
    problems.push('followed authors were unreadable');
  if (authorKeys.size > followedAuthors.length)
    problems.push(keptFirst(followedAuthors.length, authorKeys.size, 'followed authors'));
  const subscriptionList = Array.isArray(data.subscriptions)
    ? (data.subscriptions as unknown[])
    : [];
  if (subscriptionList.length > LIMITS.subscriptions)
    problems.push(keptFirst(LIMITS.subscriptions, subscriptionList.length, 'subscriptions'));
  let cutSubscriptions = 0;
  const subscriptions = subscriptionList.slice(0, LIMITS.subscriptions).flatMap((s) => {
    const checked = subscriptionSchema.safeParse(s);
    if (!checked.success) {
      problems.push('a subscription was unreadable');
      return [];
    }
    if (emailProblem(checked.data.email)) {
      problems.push('a subscription without a valid email address was left out');
      return [];
    }
    const topics = [...new Set(checked.data.topics.filter(isTopicId))];
    if (topics.length > LIMITS.followed) cutSubscriptions++;
    return [{ ...checked.data, topics: topics.slice(0, LIMITS.followed) }];
  });
  if (cutSubscriptions)
    problems.push(
      `only the first ${LIMITS.followed} topics of ${cutSubscriptions === 1 ? '1 subscription' : `${cutSubscriptions} subscriptions`} were kept`,
    );
  const visitsChecked = visitsSchema.safeParse(data.visits);
  const theme = THEMES.includes(data.theme as Theme) ? (data.theme as Theme) : 'system';
  const density = DENSITIES.includes(data.density as Density) ? (data.density as Density) : 'card';
  return {
    state: {
      saved,
      read,
      followed: [...followed],
      ownTopics,
      followedAuthors,
      subscriptions,
      visits: visitsChecked.success ? visitsChecked.data : EMPTY_PERSONAL.visits,
      theme,
      density,
    },
    problems,
  };
}

/** The reader's own topics: each checked like the form checks it; ids unique. */
function restoreOwnTopics(value: unknown, problems: string[]): TopicRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('your own topics were unreadable');
    return [];
  }
  const out: TopicRule[] = [];
  const ids = new Set<string>();
  let dropped = 0;
  for (const entry of value.slice(0, RULE_LIMITS.own)) {
    const checked = topicRuleSchema.safeParse(entry);
    if (checked.success && isOwnTopicId(checked.data.id) && !ids.has(checked.data.id)) {
      ids.add(checked.data.id);
      out.push(checked.data);
    } else dropped++;
  }
  if (dropped)
    problems.push(
      dropped === 1
        ? '1 of your own topics was unreadable'
        : `${dropped} of your own topics were unreadable`,
    );
  if (value.length > RULE_LIMITS.own)
    problems.push(`only the first ${RULE_LIMITS.own} of your own topics were kept`);
  return out;
}

/** Version 0 kept `saved` and `read` as arrays of `{id, date, title?}` or of ids. */
function migrateV0(stored: Record<string, unknown>, now: number): Record<string, unknown> {
  const toMap = (list: unknown, make: (e: Record<string, unknown>) => unknown) => {
    if (!Array.isArray(list)) return list;
    const out = dict<unknown>();
    for (const e of list) if (isRecord(e) && typeof e.id === 'string') out[e.id] = make(e);
    return out;
  };
  return {
    ...stored,
    saved: toMap(stored.saved, (e) => ({
      date: e.date,
      title: typeof e.title === 'string' ? e.title : '',
      savedAt: now,
    })),
    read: toMap(stored.read, (e) => ({ date: e.date, at: now })),
  };
}

/** A simple email check: something@something.tld, no spaces. */
export function emailProblem(email: string): string | null {
  const value = email.trim();
  if (!value) return 'Enter an email address.';
  if (/\s/.test(value)) return 'An email address has no spaces.';
  if (!value.includes('@'))
    return `"${value}" is missing an @: an address looks like name@example.org.`;
  const [local, domain, ...rest] = value.split('@');
  if (rest.length) return 'An email address has only one @.';
  if (!local) return 'Add the part before the @, as in name@example.org.';
  if (!domain) return 'Add the domain after the @, as in name@example.org.';
  if (!domain || !/^[^.]+(\.[^.]+)+$/.test(domain) || /\.\./.test(domain))
    return `"${domain ?? ''}" is not a full domain: it needs a dot, as in example.org.`;
  if (value.length > 254) return 'That address is too long.';
  return null;
}
