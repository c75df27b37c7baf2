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
