/**
 * Whether "For you" has enough saved papers to rank by: apart from the model (for-you.ts) so the
 * first screen can say what it needs without loading the model's code.
 */

/** Saved papers needed before "For you" can rank. */
export const MIN_SAVED = 3;

export type ForYouReadiness = { ready: true } | { ready: false; needed: number; message: string };

/**
 * Whether `saved` papers are enough to rank by, and if not, what to tell the reader. `collection`
 * names the collection the saves are in, when the ranking is for one.
 */
export function forYouReadiness(saved: number, collection?: string): ForYouReadiness {
  if (saved >= MIN_SAVED) return { ready: true };
  const needed = MIN_SAVED - saved;
  const more = saved === 0 ? '' : ' more';
  const where = collection ? ` in “${collection}”` : '';
  return {
    ready: false,
    needed,
    message:
      `For you learns from the papers you save: save ${needed}${more} paper${needed === 1 ? '' : 's'}` +
      `${where} to rank papers like them first (it needs ${MIN_SAVED}).`,
  };
}
