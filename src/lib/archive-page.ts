/** Papers sent with an all-days result, and the most fetched at once as the reader scrolls. */
export const FIRST_PAGE = 60;
