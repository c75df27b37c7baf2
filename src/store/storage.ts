/**
 * localStorage for zustand persist, made safe: unreadable data is copied aside and reported
 * instead of crashing the app, and a full or blocked storage is reported instead of throwing.
 */
import type { PersistStorage, StorageValue } from 'zustand/middleware';

export const STORAGE_KEY = 'paperboy';

export interface SafeStorageEvents {
  onProblem: (message: string) => void;
}

export function createSafeStorage<S>(
  getStorage: () => Storage | null,
  events: SafeStorageEvents,
): PersistStorage<S> {
  let reportedWrite = false;
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
      try {
        store.setItem(name, JSON.stringify(value));
        lastWritten = value.state;
        reportedWrite = false;
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
