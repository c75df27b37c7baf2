/** Highlighting of search matches, apart from the index so the first screen does not load it. */
import { COMPOUND, foldCase, tokenizeWithOffsets } from './tokenize';

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
  // A compound matched joined ("finetuning" for "fine-tuning") is a hit from end to end.
  const joined: [number, number][] = [];
  if (text.includes('-') || /[\u2010\u2011]/.test(text))
    for (const match of text.matchAll(COMPOUND))
      if (set.has(foldCase(match[0].replace(/[-\u2010\u2011]/g, ''))))
        joined.push([match.index, match.index + match[0].length]);
  const hit = (start: number, end: number) => {
    if (start < at) return;
    if (start > at) parts.push({ text: text.slice(at, start), hit: false });
    parts.push({ text: text.slice(start, end), hit: true });
    at = end;
  };
  for (const token of tokenizeWithOffsets(text)) {
    const compound = joined.find(([start, end]) => token.start >= start && token.end <= end);
    if (compound) hit(compound[0], compound[1]);
    else if (set.has(token.term) || set.has(foldCase(text.slice(token.start, token.end))))
      hit(token.start, token.end);
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}
