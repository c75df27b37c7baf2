/**
 * The list on screen, for the keyboard shortcuts (j/k/o/s/m) and for the paper page's
 * previous/next. Set by the list view; read without subscribing.
 */
import type { ListItem } from './use-feed';

let items: ListItem[] = [];
let hrefFor: (id: string) => string = (id) => `/papers/${id}`;

export function setCurrentList(next: ListItem[], href: (id: string) => string) {
  items = next;
  hrefFor = href;
}

export function currentList() {
  return { items, hrefFor };
}
