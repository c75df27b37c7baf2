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
    navigator.serviceWorker.register('/sw.js').catch(() => {
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
