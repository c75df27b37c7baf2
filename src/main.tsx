import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startUrlSync } from './app/shell/url-sync';
import { StoreContext, makeStore } from './store';
import './styles.css';

const store = makeStore();
startUrlSync(store);
void store.getState().loadIndex();

// Offline reading: the production build registers a service worker (see src/sw-template.js).
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        // The data this first load fetched went past the worker: hand the paths over, so the
        // days already on screen are there offline after this one visit.
        const paths = performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name))
          .filter((url) => url.origin === location.origin && url.pathname.startsWith('/data/'))
          .filter((url) => !url.searchParams.has('via'))
          .map((url) => url.pathname);
        registration.active?.postMessage({ type: 'keep-data', paths: [...new Set(paths)] });
      })
      .catch(() => {
        /* no offline support in this browser session; the app works online */
      });
  });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
