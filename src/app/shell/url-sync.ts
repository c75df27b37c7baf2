/** Keeps the address bar and the store in step: actions push or replace, Back/Forward restore. */
import type { AppStore } from '../../store';
import { toUrl } from '../../store/url';

/**
 * Replacements closer together than this (a search typed letter by letter) are written once
 * at the end: each one took a few milliseconds of the keystroke's time in Chromium.
 */
export const REPLACE_EVERY_MS = 250;

/** Writes the replacement waiting in the running sync, if any (see flushUrl). */
let flushPending: () => void = () => {};

/**
 * Writes a waiting replacement now: called before a history entry is pushed outside the store
 * (navigate.ts), so the entry being left keeps the search as it was last typed.
 */
export const flushUrl = () => flushPending();

export function startUrlSync(store: AppStore, win: Window = window): () => void {
  store.getState().applyLocation(win.location.pathname, win.location.search);
  let lastReplace = -Infinity;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const current = () => win.location.pathname + win.location.search;
  const replace = (state = store.getState()) => {
    pending = null;
    lastReplace = performance.now();
    const url = toUrl(state);
    if (url !== current()) win.history.replaceState(null, '', url);
  };
  /** Writes a replacement still waiting, as of `state`, now. */
  const flush = (state = store.getState()) => {
    if (!pending) return;
    clearTimeout(pending);
    replace(state);
  };
  flushPending = flush;
  const unsubscribe = store.subscribe((state, previous) => {
    if (state === previous) return;
    if (state.historyMode === 'push') {
      // A new entry: a replacement still waiting is written first, into the entry it belongs
      // to (the state before this one).
      flush(previous);
      const url = toUrl(state);
      if (url !== current()) win.history.pushState(null, '', url);
      return;
    }
    if (pending) return;
    const wait = lastReplace + REPLACE_EVERY_MS - performance.now();
    if (wait <= 0) replace();
    else pending = setTimeout(() => replace(), wait);
  });
  const onPop = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    store.getState().applyLocation(win.location.pathname, win.location.search);
  };
  win.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    flushPending = () => {};
    if (pending) clearTimeout(pending);
    win.removeEventListener('popstate', onPop);
  };
}
