/**
 * Registers the service worker (src/sw-template.js) and reports when a newer build of Paperboy
 * has taken over this tab: the worker tells each tab its build when it activates, and the page
 * knows its own from the `paperboy-build` meta tag the build writes into index.html.
 */

/** Whether a newer build now serves this tab; read with `useSyncExternalStore`. */
export interface NewVersion {
  subscribe: (listener: () => void) => () => void;
  available: () => boolean;
}

/** What the worker posts to every tab when it activates. */
const isActivated = (data: unknown): data is { type: 'activated'; build: string } =>
  typeof data === 'object' &&
  data !== null &&
  (data as { type?: unknown }).type === 'activated' &&
  typeof (data as { build?: unknown }).build === 'string';

/**
 * Watches `container` for a worker of another build than `pageBuild` taking over. Without a
 * page build (the dev server) nothing is ever reported.
 */
export function watchForNewVersion(
  container: Pick<ServiceWorkerContainer, 'addEventListener'>,
  pageBuild: string | undefined,
): NewVersion {
  let available = false;
  const listeners = new Set<() => void>();
  container.addEventListener('message', (event) => {
    if (!pageBuild || available || !isActivated(event.data) || event.data.build === pageBuild)
      return;
    available = true;
    for (const listener of listeners) listener();
  });
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    available: () => available,
  };
}

/**
 * Registers /sw.js once the page has loaded, and hands the worker the data this first load
 * fetched before it was there, so the days already on screen are there offline after this one
 * visit. Call it before the page finishes parsing, so no message of the worker is missed.
 */
export function registerServiceWorker(): NewVersion {
  const container = navigator.serviceWorker;
  const pageBuild =
    document.querySelector<HTMLMetaElement>('meta[name="paperboy-build"]')?.content || undefined;
  const newVersion = watchForNewVersion(container, pageBuild);
  // The registration code loads after the page has: it is not part of the first screen.
  window.addEventListener('load', () => {
    import('./sw-register')
      .then((m) => m.registerWorker(container))
      .catch(() => {
        /* no offline support in this browser session; the app works online */
      });
  });
  return newVersion;
}
