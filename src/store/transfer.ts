/**
 * Export and import of the reader's own data as one versioned JSON file. Import validates with
 * the same rules as stored state and merges: nothing already here is overwritten.
 */
import { LIMITS } from '../domain/limits';
import { dict, own } from '../domain/records';
import { RULE_LIMITS } from '../domain/topic-rules';
import {
  COLLECTIONS_PER_PAPER,
  FOLLOWED_AUTHORS_MAX,
  PERSONAL_VERSION,
  authorKey,
  restorePersonal,
  type PersonalState,
  type SavedEntry,
} from './personal';

export const EXPORT_KIND = 'paperboy-personal-data';

export interface ExportFile {
  kind: typeof EXPORT_KIND;
  version: number;
  exportedAt: string;
  data: Omit<PersonalState, 'visits' | 'theme' | 'density'>;
}

export function toExportFile(state: PersonalState, now: Date): ExportFile {
  return {
    kind: EXPORT_KIND,
    version: PERSONAL_VERSION,
    exportedAt: now.toISOString(),
    data: {
      saved: state.saved,
      read: state.read,
      followed: state.followed,
      ownTopics: state.ownTopics,
      followedAuthors: state.followedAuthors,
      subscriptions: state.subscriptions,
    },
  };
}

export type ImportResult =
  { ok: true; state: PersonalState; problems: string[] } | { ok: false; error: string };

/** Reads an export file's text; rejects anything that is not one, saying what it is instead. */
export function readExportFile(text: string): ImportResult {
  if (text.length > LIMITS.importBytes)
    return {
      ok: false,
      error: `That file is ${(text.length / 1e6).toFixed(1)} MB; a Paperboy export is at most ${LIMITS.importBytes / 1e6} MB. Choose a file exported from Paperboy.`,
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: 'That file is not JSON. Choose a file exported from Paperboy (paperboy-data-….json).',
    };
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { kind?: unknown }).kind !== EXPORT_KIND
  )
    return {
      ok: false,
      error:
        'That JSON file is not a Paperboy export (it has no "kind": "paperboy-personal-data"). Choose a file exported from Paperboy.',
    };
  const file = parsed as { version?: unknown; data?: unknown };
  if (typeof file.version !== 'number' || file.version > PERSONAL_VERSION)
    return {
      ok: false,
      error: `That export is version ${String(file.version)}; this Paperboy reads up to version ${PERSONAL_VERSION}. Update Paperboy, then import again.`,
    };
  if (typeof file.data !== 'object' || file.data === null)
    return { ok: false, error: 'That export has no data in it.' };
  const { state, problems } = restorePersonal(file.data, file.version);
  return { ok: true, state, problems };
}

/** What an import added, and what it could not add because a limit was reached. */
export interface ImportAdded {
  saved: number;
  /** Notes added to papers already saved here. */
  notes: number;
  read: number;
  followed: number;
  ownTopics: number;
  followedAuthors: number;
  /** Collections added to papers already saved here. */
  collections: number;
  subscriptions: number;
  /** One line per limit reached, e.g. "only 499 of 200,000 imported followed topics were added: …". */
  problems: string[];
}

type Merged = Pick<
  PersonalState,
  'saved' | 'read' | 'followed' | 'ownTopics' | 'followedAuthors' | 'subscriptions'
>;

const count = (n: number) => n.toLocaleString('en-US');
const notAll = (added: number, offered: number, what: string, max: number, newest = false) =>
  `only ${count(added)} of ${count(offered)} imported ${what} were added${newest ? ' (the newest)' : ''}: ${count(max)} are kept in all`;

/**
 * Entries of `incoming` not in `here`, added while the total stays within `max` (the newest by
 * `when` first when not all fit). Linear but for the sort, which only runs when not all fit.
 */
function addEntries<T>(
  here: Readonly<Record<string, T>>,
  incoming: Readonly<Record<string, T>>,
  max: number,
  when: (entry: T) => number,
  what: string,
  problems: string[],
): { out: Record<string, T>; added: number } {
  const out = dict(here);
  let fresh = Object.entries(incoming).filter(([id]) => !own(out, id));
  const room = Math.max(0, max - Object.keys(out).length);
  const offered = fresh.length;
  if (offered > room) {
    fresh = fresh.sort((a, b) => when(b[1]) - when(a[1])).slice(0, room);
    problems.push(notAll(room, offered, what, max, true));
  }
  for (const [id, entry] of fresh) out[id] = entry;
  return { out, added: fresh.length };
}

/** Items of `incoming` whose key is not among `here`'s, added while the list stays within `max`. */
function addList<T>(
  here: readonly T[],
  incoming: readonly T[],
  key: (item: T) => string,
  max: number,
  what: string,
  problems: string[],
): { out: T[]; added: number } {
  const out = [...here];
  const keys = new Set(here.map(key));
  let offered = 0;
  let added = 0;
  for (const item of incoming) {
    const k = key(item);
    if (keys.has(k)) continue;
    keys.add(k);
    offered++;
    if (out.length >= max) continue;
    out.push(item);
    added++;
  }
  if (added < offered) problems.push(notAll(added, offered, what, max));
  return { out, added };
}

/**
 * Merges imported personal state into what is here: nothing here is overwritten (a note is added
 * only to a paper without one), and no list grows past its limit. One pass over each list (Sets
 * and Maps, never a search inside the loop), so a crafted file of 200,000 entries merges at once.
 */
export function mergeImport(here: Merged, incoming: Merged): { state: Merged; added: ImportAdded } {
  const problems: string[] = [];
  const saved = addEntries(
    here.saved,
    incoming.saved,
    LIMITS.importEntries,
    (e) => e.savedAt,
    'saved papers',
    problems,
  );
  let notes = 0;
  let collections = 0;
  // Collection names in use here: a new name is added only while there are fewer than the limit,
  // on papers saved here and on papers the import adds alike.
  const names = new Set<string>();
  for (const entry of Object.values(here.saved))
    for (const n of entry.collections ?? []) names.add(n);
  let collectionsOffered = 0;
  let collectionsAdded = 0;
  for (const [id, entry] of Object.entries(incoming.saved)) {
    const current = own(saved.out, id);
    if (!current) continue;
    const isNew = !own(here.saved, id);
    let next: SavedEntry = current;
    if (isNew) {
      next = { ...entry };
      delete next.collections;
    } else if (entry.note && !current.note) {
      // A note the reader did not have here is added; one they have is never replaced.
      next = { ...next, note: entry.note };
      notes++;
    }
    const mine = next.collections ?? [];
    const have = new Set(mine);
    const more: string[] = [];
    for (const n of entry.collections ?? []) {
      if (have.has(n)) continue;
      have.add(n);
      if (mine.length + more.length >= COLLECTIONS_PER_PAPER) continue;
      if (!names.has(n)) {
        collectionsOffered++;
        if (names.size >= LIMITS.collections) continue;
        names.add(n);
        collectionsAdded++;
      }
      more.push(n);
    }
    if (more.length) {
      next = { ...next, collections: [...mine, ...more] };
      if (!isNew) collections += more.length;
    }
    if (next !== current) saved.out[id] = next;
  }
  if (collectionsAdded < collectionsOffered)
    problems.push(notAll(collectionsAdded, collectionsOffered, 'collections', LIMITS.collections));
  const read = addEntries(
    here.read,
    incoming.read,
    LIMITS.importEntries,
    (e) => e.at,
    'read marks',
    problems,
  );
  const followed = addList(
    here.followed,
    incoming.followed,
    (t) => t,
    LIMITS.followed,
    'followed topics',
    problems,
  );
  const followedAuthors = addList(
    here.followedAuthors,
    incoming.followedAuthors,
    authorKey,
    FOLLOWED_AUTHORS_MAX,
    'followed authors',
    problems,
  );
  // A topic of the same id or name that is here already is kept as it is.
  const labels = new Set(here.ownTopics.map((t) => t.label.toLowerCase()));
  const ownTopics = addList(
    here.ownTopics,
    incoming.ownTopics.filter((t) => {
      const label = t.label.toLowerCase();
      if (labels.has(label)) return false;
      labels.add(label);
      return true;
    }),
    (t) => t.id,
    RULE_LIMITS.own,
    'topics of your own',
    problems,
  );
  const subscriptions = addList(
    here.subscriptions,
    incoming.subscriptions,
    (s) => s.email.toLowerCase(),
    LIMITS.subscriptions,
    'subscriptions',
    problems,
  );
  return {
    state: {
      saved: saved.out,
      read: read.out,
      followed: followed.out,
      ownTopics: ownTopics.out,
      followedAuthors: followedAuthors.out,
      subscriptions: subscriptions.out,
    },
    added: {
      saved: saved.added,
      notes,
      read: read.added,
      followed: followed.added,
      ownTopics: ownTopics.added,
      followedAuthors: followedAuthors.added,
      collections,
      subscriptions: subscriptions.added,
      problems,
    },
  };
}
