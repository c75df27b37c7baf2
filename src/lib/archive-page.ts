/** Papers sent with an all-days result, and the most fetched at once as the reader scrolls. */
export const FIRST_PAGE = 60;

/** Rows of all-days results are fetched once typing has paused this long. */
export const TYPING_PAUSE_MS = 300;
