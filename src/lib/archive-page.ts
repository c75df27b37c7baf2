/** Papers sent with an all-days result, and the most fetched at once as the reader scrolls. */
export const FIRST_PAGE = 60;

/** Rows of a session's first all-days result the worker fetches before the page asks. */
export const FIRST_ROWS = 10;

/**
 * Rows of all-days results are fetched once typing has paused this long: the list's own pause
 * before it shows a new result (SETTLE_MS in use-settled.ts), so rows are asked for when the
 * result they belong to is shown, and not for each key of a search typed letter by letter.
 */
export const TYPING_PAUSE_MS = 150;
