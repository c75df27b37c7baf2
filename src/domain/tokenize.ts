/** Tokenisation shared by search, highlighting and similarity, so all three agree on a "word". */

/** Common English and abstract-boilerplate words that carry no topic. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could do does for from had has have how however ' +
    "i if in into is it its it's may more most much not of on or our over same so such than that the " +
    'their them then there these they this those through thus to under up us via was we were what when ' +
    'where whether which while who why will with within without would you also both each either ' +
    'other only very well between among across about after before during new novel propose proposed ' +
    'present paper approach method methods results show shows shown based using use used work'
  ).split(' '),
);

/** Lowercases and strips accents so "Schrödinger" matches "schrodinger". */
export function foldCase(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export interface Token {
  /** Folded form, as indexed. */
  term: string;
  /** Offsets into the original string, end exclusive. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * Splits text into words with their offsets in the original string. Hyphenated, slashed and
 * possessive compounds are separate words ("physics-informed" is "physics", "informed"; the
 * lone "s" of "model's" is dropped).
 */
export function tokenizeWithOffsets(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = foldCase(match[0]);
    if (term === 's') continue;
    tokens.push({ term, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Folded words of the text, in order: the terms of tokenizeWithOffsets, faster. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  if (ASCII.test(text)) {
    for (const match of text.toLowerCase().matchAll(ASCII_WORD))
      if (match[0] !== 's') out.push(match[0]);
    return out;
  }
  for (const match of text.matchAll(WORD)) {
    const term = foldCase(match[0]);
    if (term !== 's') out.push(term);
  }
  return out;
}

/** Hyphens that join the parts of a compound ("fine-tuning", "2DGS-Room"): ASCII, U+2010, U+2011. */
export const COMPOUND = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)+/gu;
const JOINER = /[-\u2010\u2011]/;

/**
 * The hyphenated compounds of a text, each as its folded parts ("Plug-and-Play" is ["plug",
 * "and", "play"]). The index keeps each compound's joined form too ("plugandplay"), so a compound
 * typed without its hyphen, or with a typo in one part, is still one word.
 */
export function compounds(text: string): string[][] {
  const out: string[][] = [];
  if (!text.includes('-') && !/[\u2010\u2011]/.test(text)) return out;
  for (const match of text.matchAll(COMPOUND)) {
    const parts = match[0].split(JOINER).map(foldCase);
    out.push(parts);
  }
  return out;
}

/** One word of a query: a word, or a compound typed with hyphens (its parts, in order). */
export interface QueryWord {
  /** The folded word; for a compound, its parts joined ("endtoend"). */
  word: string;
  /** A compound's parts ("end", "to", "end"); empty for a plain word. */
  parts: string[];
}

/** The words of a query's text, hyphenated compounds kept together, in order. */
export function queryWords(text: string): QueryWord[] {
  const out: QueryWord[] = [];
  for (const match of text.matchAll(
    /[\p{L}\p{N}]+(?:['\u2019]s\b)?(?:[-\u2010\u2011]+[\p{L}\p{N}]+)*/gu,
  )) {
    const parts = match[0].split(/[-\u2010\u2011]+/).flatMap((piece) => tokenize(piece));
    if (!parts.length) continue;
    out.push(parts.length === 1 ? { word: parts[0]!, parts: [] } : { word: parts.join(''), parts });
  }
  return out;
}

/** What a search query asks for, as `parseQuery` reads it. */
export interface ParsedQuery {
  /** The words to find (quotes taken off, `-words` taken out). */
  text: string;
  /** Words whose papers are left out, written `-word`. */
  excluded: string[];
  /** Runs of words that must appear together, in order, written in quotes. */
  phrases: string[][];
}

/**
 * A search query split into the text to find, the phrases (in straight or curly double
 * quotes; an unclosed quote is ignored) and the words to leave out, written `-word` after a
 * space or at the start ("sparse attention -vision"). A hyphen inside a word ("few-shot") is
 * not an exclusion.
 */
export function parseQuery(query: string): ParsedQuery {
  const phrases: string[][] = [];
  const unquoted = query.replace(/["“”]([^"“”]*)["“”]/g, (_all, inner: string) => {
    const words = tokenize(inner);
    if (words.length > 1) phrases.push(words);
    return ` ${inner} `;
  });
  const excluded = new Set<string>();
  const text = unquoted.replace(/(^|\s)-([^\s-]\S*)/g, (_all, lead: string, word: string) => {
    for (const term of tokenize(word)) if (!STOP_WORDS.has(term)) excluded.add(term);
    return lead;
  });
  return { text, excluded: [...excluded], phrases };
}

/** True when a query has words to find, not only words to leave out. */
export const hasSearchText = (query: string) => parseQuery(query).text.trim() !== '';

/** True when `words` contains `run` as consecutive words. */
export function containsRun(words: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
