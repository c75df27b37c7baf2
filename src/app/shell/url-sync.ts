/** Keeps the address bar and the store in step: actions push or replace, Back/Forward restore. */
import type { AppStore } from '../../store';
import { toUrl } from '../../store/url';

export function startUrlSync(store: AppStore, win: Window = window): () => void {
  store.getState().applyLocation(win.location.pathname, win.location.search);
  const unsubscribe = store.subscribe((state) => {
    const url = toUrl(state);
    if (url === win.location.pathname + win.location.search) return;
    if (state.historyMode === 'push') win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
  });
  const onPop = () => store.getState().applyLocation(win.location.pathname, win.location.search);
  win.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPop);
  };
}
