/**
 * The service worker's rules for its caches, kept apart so they can be tested. The build copies
 * these functions into dist/sw.js as they are (scripts/vite-plugin-data.ts), so each one stands
 * alone: no imports, no helpers from this module, nothing from the page.
 *
 * Each build's app shell lives in a cache of its own, `paperboy-shell-BUILD`. A tab opened
 * before a deploy still runs the previous build and asks for that build's hashed chunks (a page
 * opened for the first time), which the host may no longer have: so the previous build's shell
 * is kept when the next one takes over, and only older ones go. A tab two deploys old may find
 * a chunk missing, and is told to reload.
 */

/**
 * The caches to delete when the shell cache `current` takes over. `keys` is `caches.keys()`,
 * which lists caches in the order they were created, so the last other shell cache is the
 * previous build's (an install that fails deletes the cache it made, and a build installed again
 * remakes its cache: see `shellNeedsRemaking`). The per-version data caches of earlier builds
 * (`paperboy-data-…`) go too; the shared `paperboy-data` stays.
 */
export function cachesToDelete(keys: readonly string[], current: string): string[] {
  const shells = keys.filter((k) => k.startsWith('paperboy-shell-') && k !== current);
  const previous = shells.at(-1);
  return keys.filter(
    (k) =>
      (k.startsWith('paperboy-shell-') && k !== current && k !== previous) ||
      k.startsWith('paperboy-data-'),
  );
}

/**
 * Whether installing the shell `current` must make its cache again once it is filled (the same
 * files in a cache made now): when it exists but another shell cache was made after it (this
 * build installed again after another one, a rollback), so that `cachesToDelete` sees it as the
 * newest. `keys` is `caches.keys()` before the install.
 */
export function shellNeedsRemaking(keys: readonly string[], current: string): boolean {
  const shells = keys.filter((k) => k.startsWith('paperboy-shell-'));
  return shells.includes(current) && shells.at(-1) !== current;
}

/**
 * Whether a response for `path` is an HTML page where a script or a style sheet was asked for:
 * what a host with an SPA fallback answers for a chunk it no longer has. Such a response is
 * never cached, and never handed to the page as code.
 */
export function isMisservedAsset(path: string, contentType: string | null): boolean {
  return /\.(?:m?js|css)$/.test(path) && /^\s*text\/html\b/i.test(contentType ?? '');
}
