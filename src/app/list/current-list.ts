/**
 * The list on screen, for the keyboard shortcuts (j/k/o/s/m) and for the paper page's
 * previous/next. Set by the list view; read without subscribing.
 */
import type { Paper } from '../../domain/schema';
import type { ListItem } from './use-feed';

let items: ListItem[] = [];
let hrefFor: (id: string) => string = (id) => `/papers/${id}`;
let resolve: (item: ListItem) => Paper | null = (item) => item.paper;

export function setCurrentList(
  next: ListItem[],
  href: (id: string) => string,
  paperOf: (item: ListItem) => Paper | null,
) {
  items = next;
  hrefFor = href;
  resolve = paperOf;
}

export function currentList() {
  return { items, hrefFor, resolve };
}
