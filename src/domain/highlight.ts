/** Highlighting of search matches, apart from the index so the first screen does not load it. */
import { foldCase, tokenizeWithOffsets } from './tokenize';

/** A piece of text to render, highlighted or not. Rendered by React as text, never as HTML. */
export interface TextPart {
  text: string;
  hit: boolean;
}

/**
 * Splits text into parts where the words whose folded form is in `terms` are hits. Offsets come
 * from the same tokenizer the index uses, so what is highlighted is what matched.
 */
export function highlight(
  text: string,
  terms: ReadonlySet<string> | readonly string[],
): TextPart[] {
  const set = terms instanceof Set ? terms : new Set(terms as readonly string[]);
  if (set.size === 0 || !text) return [{ text, hit: false }];
  const parts: TextPart[] = [];
  let at = 0;
  for (const token of tokenizeWithOffsets(text)) {
    if (!set.has(token.term) && !set.has(foldCase(text.slice(token.start, token.end)))) continue;
    if (token.start > at) parts.push({ text: text.slice(at, token.start), hit: false });
    parts.push({ text: text.slice(token.start, token.end), hit: true });
    at = token.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}
