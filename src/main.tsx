import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { registerServiceWorker } from './lib/service-worker';
import { startUrlSync } from './app/shell/url-sync';
import { STORAGE_KEY } from './store/storage';
import { StoreContext, makeStore } from './store';
import './styles.css';

const store = makeStore();
startUrlSync(store);
void store.getState().loadIndex();
// Once the first screen shows papers and the page is idle, the search worker opens the split
// index (fetched at low priority, parsed in the worker), so a first All-days search does not
// wait for it; not where the reader asked the browser to save data.
const stopWatching = store.subscribe((s) => {
  if (!Object.values(s.days).some((d) => d.status === 'ready')) return;
  stopWatching();
  if ((navigator as { connection?: { saveData?: boolean } }).connection?.saveData) return;
  const preload = () => store.getState().preloadArchive();
  if ('requestIdleCallback' in window) requestIdleCallback(preload, { timeout: 2000 });
  else setTimeout(preload, 500);
});

// Offline reading: the production build registers a service worker (see src/sw-template.js).
const newVersion =
  import.meta.env.PROD && 'serviceWorker' in navigator ? registerServiceWorker() : undefined;

const container = document.getElementById('root')!;
const app = (
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App newVersion={newVersion} />
    </StoreContext.Provider>
  </StrictMode>
);

/**
 * The build writes the newest day's first screen into the page (src/prerender.tsx), inert. It is
 * what a reader with no saved state sees at `/`: anyone else gets the app at once. Otherwise the
 * app renders over it, in one synchronous commit (nothing is painted in between), once it has
 * that day too, or has failed to get it.
 */
const takeOver = () => {
  container.replaceChildren();
  container.removeAttribute('inert');
  delete container.dataset.prerendered;
  flushSync(() => createRoot(container).render(app));
};
/** Whether the app has the newest day, or knows it cannot have it. */
const settled = () => {
  const s = store.getState();
  const newest = s.index?.days.at(-1)?.date;
  return (
    s.indexStatus === 'error' ||
    (s.index !== null && (!newest || (s.days[newest]?.status ?? 'loading') !== 'loading'))
  );
};
let stored = true;
try {
  stored = localStorage.getItem(STORAGE_KEY) !== null;
} catch {
  /* unreadable storage: the app says so */
}
if (
  container.dataset.prerendered === undefined ||
  location.pathname + location.search !== '/' ||
  stored ||
  settled()
)
  takeOver();
else {
  const stop = store.subscribe(() => {
    if (settled()) {
      stop();
      takeOver();
    }
  });
}
