/** Papers sent with an all-days result, and the most fetched at once as the reader scrolls. */
export const FIRST_PAGE = 60;

/**
 * Results up to this long are shown whole, not virtualised (components/paper-list.tsx's
 * VIRTUALIZE_ABOVE), so they never ask for their rows: the archive fetches them all.
 */
export const PLAIN_LIST = 80;

/** Rows of all-days results are fetched once typing has paused this long. */
export const TYPING_PAUSE_MS = 150;
