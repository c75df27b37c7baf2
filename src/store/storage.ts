/**
 * localStorage for the reader's own state (zustand persist), made safe:
 * - what is read is validated; what could not be read is copied aside (BACKUP_KEY) and offered
 *   as a download, and the notice says what was left out;
 * - data written by a newer Paperboy is never overwritten: this tab shows what it understands
 *   and saves nothing;
 * - several tabs: every write merges this tab's copy into what storage holds, and every read
 *   (a storage event rehydrates) merges storage into this tab's copy and writes back what
 *   storage lacks, entry by entry with per-entry times (see tab-merge.ts): never a stale copy
 *   over another tab's changes;
 * - a full or blocked storage is reported instead of throwing.
 */
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { LIMITS } from '../domain/limits';
import { EMPTY_PERSONAL, PERSONAL_VERSION, restorePersonal, type PersonalState } from './personal';
import {
  mergeStamped,
  pruneTombstones,
  restamp,
  restoreStamps,
  sameStamped,
  type Stamped,
} from './tab-merge';

export const STORAGE_KEY = 'paperboy';
/** Where a copy of stored data that could not be read is kept. */
export const BACKUP_KEY = `${STORAGE_KEY}:unreadable`;

/** A file the reader can download from a notice. */
export interface NoticeDownload {
  label: string;
  fileName: string;
  type: string;
  text: string;
}

export interface PersonalStorageEvents {
  /** Something the reader must know, with a file to offer when there is one. */
  onProblem: (message: string, download?: NoticeDownload) => void;
  /** Storage held changes made in another tab: this tab's store takes the merged state. */
  onTake: (state: PersonalState) => void;
  now: () => number;
}

/** At most this many entry times are read back (six kinds of entries, each capped). */
const MAX_STAMPS = 6 * LIMITS.importEntries;

const KEYS = [
  'saved',
  'read',
  'followed',
  'ownTopics',
  'followedAuthors',
  'subscriptions',
  'visits',
  'theme',
  'density',
] as const satisfies readonly (keyof PersonalState)[];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Read =
  | { kind: 'corrupt' }
  | { kind: 'newer'; version: number; value: Stamped }
  | { kind: 'ok'; value: Stamped; problems: string[]; migrated: boolean; nothingKept: boolean };

/** Stored text as this version reads it. */
function parseStored(raw: string, now: number): Read {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { kind: 'corrupt' };
  }
  // Not the persist envelope `{state, version}`: an older format or another app's data.
  const envelope = isRecord(parsed) && 'state' in parsed ? parsed : null;
  const state = envelope ? envelope.state : parsed;
  const version = typeof envelope?.version === 'number' ? envelope.version : 0;
  const stamps = restoreStamps(isRecord(state) ? state.stamps : undefined, MAX_STAMPS);
  if (version > PERSONAL_VERSION) {
    // What this version understands, to show; the stored text itself is left as it is.
    const understood = restorePersonal(state, PERSONAL_VERSION, () => now).state;
    return { kind: 'newer', version, value: { state: understood, stamps } };
  }
  const restored = restorePersonal(state, version, () => now);
  return {
    kind: 'ok',
    value: { state: restored.state, stamps },
    problems: restored.problems,
    migrated: version !== PERSONAL_VERSION,
    nothingKept: !isRecord(state),
  };
}

const download = (text: string): NoticeDownload => {
  let json = true;
  try {
    JSON.parse(text);
  } catch {
    json = false;
  }
  return {
    label: 'Download the unreadable data',
    fileName: `paperboy-unreadable-data.${json ? 'json' : 'txt'}`,
    type: json ? 'application/json' : 'text/plain',
    text,
  };
};

export function createPersonalStorage(
  getStorage: () => Storage | null,
  events: PersonalStorageEvents,
): PersistStorage<PersonalState> {
  // What this tab holds, with the time each entry changed; null until storage was first read.
  let local: Stamped | null = null;
  // The text this tab last read from or wrote to storage: other text there means another tab.
  let lastRaw: string | null | undefined;
  // Storage holds a newer version's data: it is left as it is and nothing is written.
  let readOnly = false;
  let reportedWrite = false;
  const reported = new Set<string>();
  const problem = (message: string, file?: NoticeDownload) => {
    if (reported.has(message)) return;
    reported.add(message);
    events.onProblem(message, file);
  };
  const storage = () => {
    try {
      return getStorage();
    } catch {
      return null;
    }
  };
  /** Copies unreadable text aside; false when there was no room for the copy. */
  const backup = (store: Storage, raw: string) => {
    try {
      store.setItem(BACKUP_KEY, raw);
      return true;
    } catch {
      return false;
    }
  };
  const copyNote = (kept: boolean) =>
    kept
      ? ` A copy of the data as it was is kept in this browser under "${BACKUP_KEY}"; download it to keep it safe.`
      : ' There was no room in browser storage for a copy of it: download it now to keep it.';
  const newer = (version: number) =>
    problem(
      `Your saved data was written by a newer version of Paperboy (data version ${version}; this version reads version ${PERSONAL_VERSION}). It is kept unchanged, and changes made now are not saved. What this version understands of it is shown.`,
    );
  const write = (store: Storage, name: string, value: Stamped) => {
    const text = JSON.stringify({
      state: { ...value.state, stamps: value.stamps },
      version: PERSONAL_VERSION,
    });
    try {
      store.setItem(name, text);
      lastRaw = text;
      reportedWrite = false;
    } catch {
      if (reportedWrite) return;
      reportedWrite = true;
      problem(
        'Browser storage is full, so your latest changes (saved papers, read marks) are kept only until you close this tab. Export your data or clear space for this site to keep them.',
      );
    }
  };
  const merged = (mine: Stamped, theirs: Stamped): Stamped => {
    const both = mergeStamped(mine, theirs);
    return { state: both.state, stamps: pruneTombstones(both, events.now()) };
  };
  const value = (state: PersonalState): StorageValue<PersonalState> => ({
    state,
    version: PERSONAL_VERSION,
  });

  return {
    getItem: (name) => {
      const store = storage();
      if (!store) {
        problem(
          'This browser blocks local storage, so saved papers and read marks last only until you close the tab.',
        );
        return null;
      }
      let raw: string | null;
      try {
        raw = store.getItem(name);
      } catch {
        problem(
          'Local storage could not be read; saved papers and read marks start empty for this visit.',
        );
        return null;
      }
      if (local && raw === lastRaw) return value(local.state);
      lastRaw = raw;
      // Nothing stored (or another tab cleared it): this tab keeps what it has.
      if (raw === null) return null;
      const read = parseStored(raw, events.now());
      if (read.kind === 'corrupt') {
        problem(
          `Your saved Paperboy data could not be read (it is not valid JSON), so Paperboy started fresh.${copyNote(backup(store, raw))}`,
          download(raw),
        );
        return null;
      }
      if (read.kind === 'newer' || readOnly) {
        readOnly = true;
        if (read.kind === 'newer') newer(read.version);
        local = read.value;
        return value(read.value.state);
      }
      if (read.problems.length) {
        const kept = backup(store, raw);
        problem(
          read.nothingKept
            ? `Your saved Paperboy data could not be read (it is not in Paperboy's format), so Paperboy started fresh.${copyNote(kept)}`
            : `Some of your saved Paperboy data could not be read as it was: ${read.problems.join('; ')}. Everything else was kept.${copyNote(kept)}`,
          download(raw),
        );
      }
      const theirs = read.value;
      const next = local ? merged(local, theirs) : theirs;
      local = next;
      // A migrated or cleaned copy, or changes of this tab that storage lacks, are written.
      if (read.migrated || !sameStamped(next, theirs)) write(store, name, next);
      return value(next.state);
    },
    setItem: (name, { state }) => {
      if (readOnly) return;
      const store = storage();
      if (!store) return;
      const before = local ?? { state: EMPTY_PERSONAL, stamps: {} };
      // persist writes after every change to the store, most of which (typing, loading a day)
      // leave the reader's own state as it was: skip those.
      if (local && KEYS.every((k) => state[k] === before.state[k])) return;
      const mine: Stamped = { state, stamps: restamp(before, state, events.now()) };
      local = mine;
      let raw: string | null | undefined = lastRaw;
      try {
        raw = store.getItem(name);
      } catch {
        /* unreadable: write this tab's state */
      }
      let next = mine;
      if (raw !== lastRaw && raw !== null && raw !== undefined) {
        const read = parseStored(raw, events.now());
        if (read.kind === 'newer') {
          // A newer Paperboy wrote in another tab: its data is not overwritten.
          readOnly = true;
          newer(read.version);
          return;
        }
        if (read.kind === 'ok') next = merged(mine, read.value);
        else backup(store, raw);
      } else next = { state, stamps: pruneTombstones(mine, events.now()) };
      local = next;
      write(store, name, next);
      // Another tab's changes came in: this tab shows them at once.
      if (KEYS.some((k) => next.state[k] !== state[k])) events.onTake(next.state);
    },
    removeItem: (name) => {
      try {
        storage()?.removeItem(name);
      } catch {
        /* nothing to remove */
      }
    },
  };
}
