/**
 * "Since your last visit": which papers count as new for a reader. A paper is new when it is on
 * a day after the newest day the reader had seen at their previous visit and, if the reader
 * follows topics or authors, it has one of those topics or is by one of those authors.
 */
import type { Paper } from './schema';

/** An author's name as compared: case, accents, dots and spacing do not matter. */
export const authorKey = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.\s]+/g, ' ')
    .trim()
    .toLowerCase();

/** Whether the paper is by one of `authors` (names as followed). */
export function byFollowedAuthor(paper: Paper, authors: readonly string[]): boolean {
  if (!authors.length || !paper.authors?.length) return false;
  const keys = new Set(authors.map(authorKey));
  return paper.authors.some((a) => keys.has(authorKey(a)));
}

export function isNewPaper(
  paper: Paper,
  newSince: string | null,
  followed: readonly string[],
  authors: readonly string[] = [],
): boolean {
  if (!newSince || paper.date <= newSince) return false;
  if (followed.length === 0 && authors.length === 0) return true;
  return paper.topics.some((t) => followed.includes(t)) || byFollowedAuthor(paper, authors);
}
