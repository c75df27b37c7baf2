/** Papers sent with an all-days result, and the most fetched at once as the reader scrolls. */
export const FIRST_PAGE = 60;

/**
 * The top rows of an all-days result: asked for by the store as the result arrives, and fetched
 * by the worker ahead of that for a session's first results.
 */
export const FIRST_ROWS = 10;

/**
 * How long typing must pause before All days shows a new result (the list's SETTLE_MS is this)
 * and fetches its rows: rows are asked for when the result they belong to is shown, and not for
 * each key of a search typed letter by letter.
 */
export const TYPING_PAUSE_MS = 150;
