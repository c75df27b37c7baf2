import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { registerServiceWorker } from './lib/service-worker';
import { startUrlSync } from './app/shell/url-sync';
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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App newVersion={newVersion} />
    </StoreContext.Provider>
  </StrictMode>,
);
