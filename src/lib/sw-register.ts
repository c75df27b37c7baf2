/**
 * Registers /sw.js and hands the worker the data this first load fetched before it was there
 * (see service-worker.ts, which loads this module once the page has loaded).
 */
export function registerWorker(container: ServiceWorkerContainer): Promise<void> {
  return container
    .register('/sw.js')
    .then(() => container.ready)
    .then((registration) => {
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
}
