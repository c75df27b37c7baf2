/**
 * localStorage for zustand persist, made safe: unreadable data is copied aside and reported
 * instead of crashing the app, and a full or blocked storage is reported instead of throwing.
 */
import type { PersistStorage, StorageValue } from 'zustand/middleware';

export const STORAGE_KEY = 'paperboy';

export interface SafeStorageEvents<S> {
  onProblem: (message: string) => void;
  /**
   * Another tab wrote since this one last read or wrote: merge this tab's change (`base` →
   * `mine`) into what storage holds now (`theirs`), instead of overwriting it.
   */
  merge?: (base: StorageValue<unknown>, mine: S, theirs: StorageValue<unknown>) => S;
  /** The merged state was written: the store takes it, so this tab shows the other's changes. */
  onMerged?: (state: S) => void;
}

/** The persist envelope `{state, version}` of stored text, or null when it is not one. */
function envelope(raw: string): StorageValue<unknown> | null {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || !('state' in parsed)) return null;
    const { state, version } = parsed as { state: unknown; version?: unknown };
    return { state, version: typeof version === 'number' ? version : 0 };
  } catch {
    return null;
  }
}

export function createSafeStorage<S>(
  getStorage: () => Storage | null,
  events: SafeStorageEvents<S>,
): PersistStorage<S> {
  let reportedWrite = false;
  // What this tab last read from or wrote to storage: a different text there now means another
  // tab wrote, and this tab's change is merged into it.
  let seenRaw: string | null = null;
  let seen: StorageValue<unknown> | null = null;
  // persist writes after every change to the store, most of which (typing, loading a day) leave
  // the reader's own state as it was: skip those writes when every part is the same object.
  let lastWritten: S | null = null;
  const unchanged = (state: S) =>
    lastWritten !== null &&
    typeof state === 'object' &&
    state !== null &&
    Object.keys(state).every(
      (k) => (state as Record<string, unknown>)[k] === (lastWritten as Record<string, unknown>)[k],
    );
  const storage = () => {
    try {
      return getStorage();
    } catch {
      return null;
    }
  };
  return {
    getItem: (name) => {
      const store = storage();
      if (!store) {
        events.onProblem(
          'This browser blocks local storage, so saved papers and read marks last only until you close the tab.',
        );
        return null;
      }
      let raw: string | null;
      try {
        raw = store.getItem(name);
      } catch {
        events.onProblem(
          'Local storage could not be read; saved papers and read marks start empty for this visit.',
        );
        return null;
      }
      seenRaw = raw;
      seen = raw === null ? null : envelope(raw);
      if (raw === null) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        const backup = `${name}:unreadable`;
        try {
          store.setItem(backup, raw);
        } catch {
          /* no room for a copy: the notice below still tells the reader */
        }
        events.onProblem(
          `Your saved Paperboy data was corrupt and could not be read, so Paperboy started fresh. A copy of the old data is kept in local storage under "${backup}".`,
        );
        return null;
      }
      if (typeof parsed === 'object' && parsed !== null && 'state' in parsed) {
        const { state, version } = parsed as { state: unknown; version?: unknown };
        return { state, version: typeof version === 'number' ? version : 0 } as StorageValue<S>;
      }
      // Not the persist envelope: an older format or another app's data under our key.
      return { state: parsed, version: 0 } as StorageValue<S>;
    },
    setItem: (name, value) => {
      const store = storage();
      if (!store || unchanged(value.state)) return;
      let next = value;
      try {
        const raw = store.getItem(name);
        const theirs = raw !== null && raw !== seenRaw ? envelope(raw) : null;
        // Storage was empty when this tab read it: the base is the empty state.
        if (theirs && events.merge)
          next = { ...value, state: events.merge(seen ?? { state: null }, value.state, theirs) };
      } catch {
        /* unreadable: write this tab's state */
      }
      try {
        const text = JSON.stringify(next);
        store.setItem(name, text);
        seenRaw = text;
        seen = envelope(text);
        lastWritten = next.state;
        reportedWrite = false;
        if (next !== value && events.onMerged) {
          const merged = next.state;
          queueMicrotask(() => events.onMerged!(merged));
        }
      } catch {
        if (reportedWrite) return;
        reportedWrite = true;
        events.onProblem(
          'Browser storage is full, so your latest changes (saved papers, read marks) are kept only until you close this tab. Export your data or clear space for this site to keep them.',
        );
      }
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
