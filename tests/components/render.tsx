import { render } from '@testing-library/react';
import { App } from '../../src/app/app';
import { startUrlSync } from '../../src/app/shell/url-sync';
import { createLocalArchiveClient } from '../../src/lib/archive-client';
import { StoreContext, makeStore } from '../../src/store';
import { MemoryStorage, fakeFetch } from '../helpers';

/** Renders the whole app at a URL with a real store, the embedded dataset and fresh storage. */
export function renderApp(url = '/', options: { storage?: Storage; fetcher?: typeof fetch } = {}) {
  window.history.replaceState(null, '', url);
  const storage = options.storage ?? new MemoryStorage();
  const fetcher = options.fetcher ?? fakeFetch();
  const store = makeStore({
    fetcher,
    storage: () => storage,
    archive: () => createLocalArchiveClient(fetcher),
  });
  const stop = startUrlSync(store, window);
  void store.getState().loadIndex();
  const result = render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { ...result, store, storage, stop };
}
