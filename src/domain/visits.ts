/**
 * "Since your last visit": which papers count as new for a reader. A paper is new when it is on
 * a day after the newest day the reader had seen at their previous visit and, if the reader
 * follows topics, it has one of them.
 */
import type { Paper } from './schema';

export function isNewPaper(
  paper: Paper,
  newSince: string | null,
  followed: readonly string[],
): boolean {
  if (!newSince || paper.date <= newSince) return false;
  return followed.length === 0 || paper.topics.some((t) => followed.includes(t));
}
