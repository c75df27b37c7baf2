/**
 * Frozen, held-out query set for evaluating Paperboy's search.
 *
 * This file was written independently: without looking at Paperboy's
 * tokenizer, search code, typo classes or its existing query generator
 * (`scripts/queries.ts`). The only thing taken from the project is `halfOf`,
 * which decides which papers belong to the held-out half. Everything else —
 * word splitting, randomness, typo model — is defined here and nowhere else,
 * so that tuning the search cannot silently tune this set as well.
 *
 * Procedure (`heldOutQueries(papers, { perKind = 400, seed = 7301 })`):
 *
 * Word splitting ("words"): lowercase the text; map the Unicode dashes
 * U+2010–U+2015 and U+2212 to "-" and the curly apostrophes U+2018/U+2019 to
 * "'"; split on runs of whitespace; strip every character that is not a
 * Unicode letter or digit from both ends of each piece; drop pieces that
 * become empty. Inner characters (hyphens, digits, apostrophes, slashes) are
 * kept, so "Fine-Tuning:" becomes "fine-tuning". A word's "letters" are its
 * characters a–z.
 *
 * Corpus statistics, from all papers passed in (not only the targets):
 *  - document frequency (df) of a word = number of papers whose title or
 *    abstract words contain it;
 *  - attested hyphenations = every hyphenated word of any title or abstract
 *    (all hyphen parts non-empty), plus every contiguous run of two or more of
 *    its parts ("vision-language-action" attests "vision-language",
 *    "language-action" and itself).
 *
 * Targets: only papers with `halfOf(paper.id) === 'held-out'`, taken in a
 * random order (Fisher–Yates shuffle of their indices). Randomness is
 * mulberry32; known-item queries use the stream seeded with `seed`, abstract
 * queries the stream seeded with `(seed XOR 0x9e3779b9) >>> 0`, so the two
 * kinds do not affect each other. Each kind walks its own shuffled order,
 * skips papers it cannot use and stops after `perKind` queries (or when the
 * targets run out), so a paper is used at most once per kind. The output is
 * all known-item queries followed by all abstract queries, each in the order
 * generated. Nothing but `papers` (content and order) and `seed` is read.
 *
 * Known-item queries: for each target, draw n uniformly from {3, 4, 5}; the
 * title's words (as above) must number at least 3, otherwise the paper is
 * skipped; take the first min(n, word count) of them. Then apply exactly one
 * typo. For each of the seven typo types, the candidate edits on those words
 * are:
 *  - deletion: remove one letter of a word with 4+ letters; never the first
 *    character of the word nor the first character after a hyphen
 *    ("end-to-end" -> "en-to-end");
 *  - transposition: swap two adjacent letters (both a–z, different from each
 *    other) of a word with 4+ letters;
 *  - substitution: replace one letter of a word with 4+ letters by one of its
 *    neighbours on a QWERTY keyboard (same row left/right, and the staggered
 *    keys touching it in the rows above and below; letters only);
 *  - hyphen-dropped: a hyphenated word with its hyphens removed
 *    ("fine-tuning" -> "finetuning");
 *  - hyphen-added: either a hyphen-free word of letters split in two (both
 *    parts 2+ letters) where the hyphenated form is attested in the corpus
 *    ("pretraining" -> "pre-training"), or two adjacent hyphen-free words
 *    joined by a hyphen where that form is attested ("real time" ->
 *    "real-time");
 *  - compound-split: a hyphenated word with its hyphens replaced by spaces
 *    ("zero-shot" -> "zero shot");
 *  - compound-joined: two adjacent hyphen-free words written as one
 *    ("tool use" -> "tooluse").
 * (For the hyphen operations a hyphenated word is one whose hyphen parts are
 * all non-empty.) A type is applicable if it has at least one candidate; a
 * paper with no applicable type is skipped. Among the applicable types the
 * one used least so far is chosen (ties broken uniformly at random), which
 * keeps the types as equal as their applicability allows. Within the type:
 * for deletion and substitution, with probability 1/3 — when such words
 * exist — the word is drawn uniformly among the eligible words of 4–5 letters
 * (short words are mistyped too), otherwise uniformly among all eligible
 * words; for transposition the word is uniform among eligible words; then
 * the position (and, for substitution, the neighbouring key) is uniform. For
 * the hyphen and join types the candidate edit is uniform among all
 * candidates. The query is the words, edited, joined by single spaces; `typo`
 * records the type, the original `word` (two words joined by a space for the
 * two-word edits) and what it was typed `as`.
 *
 * Abstract queries: for each target, the candidate words are the distinct
 * abstract words that consist of 6+ Unicode letters only and are not among
 * the title's words. If there are fewer than 3, the paper is skipped. The 3
 * with the lowest df are taken (ties broken by first appearance in the
 * abstract) and written in order of first appearance, joined by single
 * spaces.
 */
import { halfOf } from './queries.ts';

export interface HeldOutPaper {
  id: string;
  title: string;
  abstract: string;
}

export type HeldOutTypoType =
  | 'deletion'
  | 'transposition'
  | 'substitution'
  | 'hyphen-dropped'
  | 'hyphen-added'
  | 'compound-split'
  | 'compound-joined';

export interface HeldOutQuery {
  /** index of the target paper in the array passed in */
  index: number;
  text: string;
  kind: 'known-item' | 'abstract';
  /** for known-item: which typo was applied, and to which word */
  typo?: { type: HeldOutTypoType; word: string; as: string };
}

export const HELD_OUT_TYPO_TYPES: readonly HeldOutTypoType[] = [
  'deletion',
  'transposition',
  'substitution',
  'hyphen-dropped',
  'hyphen-added',
  'compound-split',
  'compound-joined',
];

const DEFAULT_PER_KIND = 400;
const DEFAULT_SEED = 7301;
const ABSTRACT_STREAM = 0x9e3779b9;
const SHORT_WORD_PROBABILITY = 1 / 3;

// ---------------------------------------------------------------------------
// Randomness

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[randomInt(rng, items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Word splitting

const DASHES = /[\u2010-\u2015\u2212]/g;
const CURLY_APOSTROPHES = /[\u2018\u2019]/g;
const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const LETTER = /^[a-z]$/;
const ONLY_LETTERS_6 = /^\p{L}{6,}$/u;
const ONLY_ASCII_LETTERS = /^[a-z]+$/;

function words(text: string): string[] {
  const out: string[] = [];
  const normalized = text.toLowerCase().replace(DASHES, '-').replace(CURLY_APOSTROPHES, "'");
  for (const piece of normalized.split(/\s+/)) {
    const word = piece.replace(EDGES, '');
    if (word !== '') out.push(word);
  }
  return out;
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

function letterCount(word: string): number {
  let n = 0;
  for (const ch of word) if (isLetter(ch)) n++;
  return n;
}

/** Parts of a hyphenated word, or null if it has no hyphen or an empty part. */
function hyphenParts(word: string): string[] | null {
  if (!word.includes('-')) return null;
  const parts = word.split('-');
  return parts.every((p) => p !== '') ? parts : null;
}

// ---------------------------------------------------------------------------
// Keyboard

const QWERTY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;

function buildNeighbours(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  QWERTY_ROWS.forEach((row, r) => {
    for (let i = 0; i < row.length; i++) {
      const near: string[] = [];
      const add = (rowIndex: number, col: number): void => {
        const ch = QWERTY_ROWS[rowIndex]?.[col];
        if (ch !== undefined && col >= 0) near.push(ch);
      };
      add(r, i - 1);
      add(r, i + 1);
      // Staggered rows: the row above touches columns i and i+1, the row
      // below columns i-1 and i.
      if (r > 0) {
        add(r - 1, i);
        add(r - 1, i + 1);
      }
      if (r < QWERTY_ROWS.length - 1) {
        add(r + 1, i - 1);
        add(r + 1, i);
      }
      map.set(row[i] as string, near);
    }
  });
  return map;
}

const NEIGHBOURS = buildNeighbours();

// ---------------------------------------------------------------------------
// Typo candidates

/** One candidate edit: replace words[start .. start+span) by `as`. */
interface Edit {
  type: HeldOutTypoType;
  start: number;
  span: 1 | 2;
  word: string;
  as: string;
}

function deletionPositions(word: string): number[] {
  const out: number[] = [];
  for (let i = 1; i < word.length; i++) {
    if (isLetter(word[i]) && word[i - 1] !== '-') out.push(i);
  }
  return out;
}

function transpositionPositions(word: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    const a = word[i];
    const b = word[i + 1];
    if (isLetter(a) && isLetter(b) && a !== b) out.push(i);
  }
  return out;
}

function substitutionPositions(word: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < word.length; i++) if (isLetter(word[i])) out.push(i);
  return out;
}

const LETTER_TYPOS = {
  deletion: deletionPositions,
  transposition: transpositionPositions,
  substitution: substitutionPositions,
} as const;

type LetterTypo = keyof typeof LETTER_TYPOS;

/** Indices of the words a letter typo of this type can fall in. */
function letterTypoWords(type: LetterTypo, ws: readonly string[]): number[] {
  const out: number[] = [];
  ws.forEach((w, i) => {
    if (letterCount(w) >= 4 && LETTER_TYPOS[type](w).length > 0) out.push(i);
  });
  return out;
}

function applyLetterTypo(type: LetterTypo, word: string, rng: Rng): string {
  const position = pick(rng, LETTER_TYPOS[type](word));
  const before = word.slice(0, position);
  switch (type) {
    case 'deletion':
      return before + word.slice(position + 1);
    case 'transposition':
      return (
        before + (word[position + 1] ?? '') + (word[position] ?? '') + word.slice(position + 2)
      );
    case 'substitution': {
      const near = NEIGHBOURS.get(word[position] ?? '') ?? [];
      return before + pick(rng, near) + word.slice(position + 1);
    }
  }
}

function structuralEdits(
  type: Exclude<HeldOutTypoType, LetterTypo>,
  ws: readonly string[],
  attested: ReadonlySet<string>,
): Edit[] {
  const out: Edit[] = [];
  ws.forEach((w, i) => {
    const next = ws[i + 1];
    const parts = hyphenParts(w);
    switch (type) {
      case 'hyphen-dropped':
        if (parts) out.push({ type, start: i, span: 1, word: w, as: parts.join('') });
        break;
      case 'compound-split':
        if (parts) out.push({ type, start: i, span: 1, word: w, as: parts.join(' ') });
        break;
      case 'hyphen-added':
        if (ONLY_ASCII_LETTERS.test(w)) {
          for (let k = 2; k + 2 <= w.length; k++) {
            const as = `${w.slice(0, k)}-${w.slice(k)}`;
            if (attested.has(as)) out.push({ type, start: i, span: 1, word: w, as });
          }
        }
        if (next !== undefined && !w.includes('-') && !next.includes('-')) {
          const as = `${w}-${next}`;
          if (attested.has(as)) out.push({ type, start: i, span: 2, word: `${w} ${next}`, as });
        }
        break;
      case 'compound-joined':
        if (next !== undefined && !w.includes('-') && !next.includes('-')) {
          out.push({ type, start: i, span: 2, word: `${w} ${next}`, as: w + next });
        }
        break;
    }
  });
  return out;
}

function isLetterTypo(type: HeldOutTypoType): type is LetterTypo {
  return type === 'deletion' || type === 'transposition' || type === 'substitution';
}

// ---------------------------------------------------------------------------
// Corpus statistics

interface CorpusStats {
  df: Map<string, number>;
  attested: Set<string>;
}

function corpusStats(papers: readonly HeldOutPaper[]): CorpusStats {
  const df = new Map<string, number>();
  const attested = new Set<string>();
  for (const paper of papers) {
    const seen = new Set([...words(paper.title), ...words(paper.abstract)]);
    for (const w of seen) {
      df.set(w, (df.get(w) ?? 0) + 1);
      const parts = hyphenParts(w);
      if (!parts) continue;
      for (let a = 0; a < parts.length; a++) {
        for (let b = a + 2; b <= parts.length; b++) attested.add(parts.slice(a, b).join('-'));
      }
    }
  }
  return { df, attested };
}

// ---------------------------------------------------------------------------
// Query kinds

function knownItemQueries(
  papers: readonly HeldOutPaper[],
  targets: readonly number[],
  perKind: number,
  seed: number,
  stats: CorpusStats,
): HeldOutQuery[] {
  const rng = mulberry32(seed);
  const used = new Map<HeldOutTypoType, number>(HELD_OUT_TYPO_TYPES.map((t) => [t, 0]));
  const out: HeldOutQuery[] = [];
  for (const index of shuffled(rng, targets)) {
    if (out.length >= perKind) break;
    const paper = papers[index] as HeldOutPaper;
    const n = 3 + randomInt(rng, 3);
    const titleWords = words(paper.title);
    if (titleWords.length < 3) continue;
    const ws = titleWords.slice(0, n);

    const letterWords = new Map<LetterTypo, number[]>();
    const structural = new Map<HeldOutTypoType, Edit[]>();
    const applicable: HeldOutTypoType[] = [];
    for (const type of HELD_OUT_TYPO_TYPES) {
      if (isLetterTypo(type)) {
        const eligible = letterTypoWords(type, ws);
        letterWords.set(type, eligible);
        if (eligible.length > 0) applicable.push(type);
      } else {
        const edits = structuralEdits(type, ws, stats.attested);
        structural.set(type, edits);
        if (edits.length > 0) applicable.push(type);
      }
    }
    if (applicable.length === 0) continue;

    let type = applicable[0] as HeldOutTypoType;
    let best = Infinity;
    for (const candidate of shuffled(rng, applicable)) {
      const count = used.get(candidate) ?? 0;
      if (count < best) {
        best = count;
        type = candidate;
      }
    }

    let edit: Edit;
    if (isLetterTypo(type)) {
      const eligible = letterWords.get(type) ?? [];
      const short = eligible.filter((i) => letterCount(ws[i] as string) <= 5);
      const useShort =
        type !== 'transposition' && short.length > 0 && rng() < SHORT_WORD_PROBABILITY;
      const start = pick(rng, useShort ? short : eligible);
      const word = ws[start] as string;
      edit = { type, start, span: 1, word, as: applyLetterTypo(type, word, rng) };
    } else {
      edit = pick(rng, structural.get(type) ?? []);
    }

    used.set(type, (used.get(type) ?? 0) + 1);
    const typed = [...ws.slice(0, edit.start), edit.as, ...ws.slice(edit.start + edit.span)];
    out.push({
      index,
      text: typed.join(' '),
      kind: 'known-item',
      typo: { type: edit.type, word: edit.word, as: edit.as },
    });
  }
  return out;
}

function abstractQueries(
  papers: readonly HeldOutPaper[],
  targets: readonly number[],
  perKind: number,
  seed: number,
  stats: CorpusStats,
): HeldOutQuery[] {
  const rng = mulberry32((seed ^ ABSTRACT_STREAM) >>> 0);
  const out: HeldOutQuery[] = [];
  for (const index of shuffled(rng, targets)) {
    if (out.length >= perKind) break;
    const paper = papers[index] as HeldOutPaper;
    const inTitle = new Set(words(paper.title));
    const candidates: { word: string; position: number; df: number }[] = [];
    const seen = new Set<string>();
    for (const word of words(paper.abstract)) {
      if (seen.has(word)) continue;
      seen.add(word);
      if (!ONLY_LETTERS_6.test(word) || inTitle.has(word)) continue;
      candidates.push({ word, position: candidates.length, df: stats.df.get(word) ?? 0 });
    }
    if (candidates.length < 3) continue;
    const chosen = [...candidates]
      .sort((a, b) => a.df - b.df || a.position - b.position)
      .slice(0, 3)
      .sort((a, b) => a.position - b.position);
    out.push({ index, text: chosen.map((c) => c.word).join(' '), kind: 'abstract' });
  }
  return out;
}

// ---------------------------------------------------------------------------

export function heldOutQueries(
  papers: readonly HeldOutPaper[],
  options: { perKind?: number; seed?: number } = {},
): HeldOutQuery[] {
  const perKind = options.perKind ?? DEFAULT_PER_KIND;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(perKind) || perKind < 0) {
    throw new Error(`perKind must be a non-negative integer, got ${perKind}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);

  const targets: number[] = [];
  papers.forEach((paper, i) => {
    if (halfOf(paper.id) === 'held-out') targets.push(i);
  });
  const stats = corpusStats(papers);
  return [
    ...knownItemQueries(papers, targets, perKind, seed, stats),
    ...abstractQueries(papers, targets, perKind, seed, stats),
  ];
}
