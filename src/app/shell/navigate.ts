import type { AppStore } from '../../store';
import { flushUrl } from './url-sync';

/** Moves to a URL inside the app without reloading: history entry first, then the store follows. */
export function navigate(store: AppStore, href: string) {
  const url = new URL(href, window.location.href);
  flushUrl();
  window.history.pushState(null, '', url.pathname + url.search);
  store.getState().applyLocation(url.pathname, url.search);
  window.scrollTo(0, 0);
}
