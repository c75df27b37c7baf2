/**
 * The first screen as HTML, written into dist/index.html at build time (see
 * scripts/vite-plugin-data.ts): the newest day's feed as a reader with no saved state sees it at
 * `/`, rendered by the app's own components with the dataset the build publishes. The page shows
 * it, inert, until the app has the same day loaded and renders over it (src/main.tsx); any other
 * address, or a reader whose state would change what is shown, never sees it.
 */
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './app/app';
import { StoreContext, makeStore } from './store';

/** Storage that holds nothing: the prerendered screen is that of a reader with no state. */
const emptyStorage = (): Storage => {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
};

/**
 * The app's markup for `/`, with `files` answering the data requests (path under /data/ →
 * text); null when the dataset gives no day to show.
 */
export async function prerenderFeed(
  files: (path: string) => string | null,
  now: number,
): Promise<string | null> {
  const fetcher = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://prerender.invalid');
    const text = files(url.pathname.replace(/^\/data\//, ''));
    return text === null ? new Response('', { status: 404 }) : new Response(text);
  }) as typeof fetch;
  const store = makeStore({ fetcher, storage: emptyStorage, listen: false, now: () => now });
  await store.getState().loadIndex();
  const newest = store.getState().index?.days.at(-1)?.date;
  if (!newest) return null;
  const ready = () => store.getState().days[newest]?.status === 'ready';
  await new Promise<void>((resolve) => {
    if (ready()) return resolve();
    const stop = store.subscribe(() => {
      if (!ready()) return;
      stop();
      resolve();
    });
  });
  // A server render reads a store's initial state (zustand's server snapshot): here, the loaded one.
  const loaded = { ...store, getInitialState: store.getState };
  return renderToString(
    <StrictMode>
      <StoreContext.Provider value={loaded}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
}
