/**
 * Keyboard shortcuts: / search, j/k move, o or Enter open, s save, m read, [ ] days, ? help.
 * Ignored while typing in a field and when a modifier key is held. The app loads this module
 * just after the first screen (see app.tsx), so it is not part of that screen's script; keys
 * pressed before it arrives are handed to it when it does.
 */
import { stepDate } from '../../domain/feed';
import { navigate } from './navigate';
import type { AppStore } from '../../store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/** What a key press on the document does (app.tsx listens, and hands presses to this). */
export function keyHandler(store: AppStore): (event: KeyboardEvent) => void {
  return (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (isTyping(event.target)) return;
    const s = store.getState();
    if (s.shortcutsOpen) return;
    const { items, hrefFor, resolve } = s.currentList;
    const onList = s.page.name === 'feed' || s.page.name === 'saved';
    const cursorItem =
      onList && s.cursor >= 0 ? items[Math.min(s.cursor, items.length - 1)] : undefined;
    const cursorPaper = cursorItem ? resolve(cursorItem) : null;
    const target = s.page.name === 'paper' ? s.pagePaper : cursorPaper;
    const key = event.key;
    const handled = () => event.preventDefault();
    if (key === '/') {
      handled();
      document.getElementById('search')?.focus();
    } else if (key === '?') {
      handled();
      s.setShortcutsOpen(true);
    } else if ((key === 'j' || key === 'k') && onList && items.length) {
      handled();
      // The first j or k lands on the first paper; then they move by one, within the list.
      const next = s.cursor < 0 ? 0 : s.cursor + (key === 'j' ? 1 : -1);
      s.setCursor(Math.max(0, Math.min(items.length - 1, next)));
    } else if ((key === 'j' || key === 'k') && s.page.name === 'paper') {
      const link = document.querySelector<HTMLAnchorElement>(
        key === 'j' ? 'a[rel="next"]' : 'a[rel="prev"]',
      );
      if (link) {
        handled();
        link.click();
      }
    } else if (
      (key === 'o' ||
        (key === 'Enter' &&
          event.target instanceof HTMLElement &&
          event.target.tagName === 'ARTICLE')) &&
      cursorItem
    ) {
      handled();
      if (cursorPaper) s.markRead(cursorPaper);
      navigate(store, hrefFor(cursorItem.id));
    } else if (key === 's' && target) {
      handled();
      s.toggleSaved(target);
    } else if (key === 'm' && target) {
      handled();
      s.toggleRead(target);
    } else if (
      (key === '[' || key === ']') &&
      s.page.name === 'feed' &&
      s.scope === 'range' &&
      s.index
    ) {
      const days = s.index.days.map((d) => d.date);
      const current = s.date && days.includes(s.date) ? s.date : days.at(-1);
      const next = current ? stepDate(days, current, s.view, key === '[' ? -1 : 1) : null;
      if (next) {
        handled();
        s.setDate(next);
      }
    }
  };
}
