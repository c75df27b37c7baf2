/**
 * Text helpers shared by ingest and the app: stable ids, word counts, and the clean-up of math
 * that arrives mangled when a page is copied out of a browser (KaTeX rendered to plain text).
 */

/** 32-bit FNV-1a, as base36: a short, stable fingerprint (not for security). */
export function fingerprint(text: string): string {
  return fnv1a(text).toString(36);
}

/** 32-bit FNV-1a over UTF-16 code units: the one string hash (ids, splits, typo keys). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lowercase words of the title with accents and punctuation dropped: equal for the same paper. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const MAX_SLUG = 72;

/**
 * The paper id: a URL-safe slug of the title, so re-ingesting the same title gives the same id.
 * Long titles are cut at a word boundary and get a fingerprint of the whole title so two papers
 * that share a long prefix still get different ids.
 */
export function paperIdFromTitle(title: string): string {
  const words = normalizeTitle(title).split(' ').filter(Boolean);
  const slug = words.join('-');
  if (!slug) return `untitled-${fingerprint(title)}`;
  if (slug.length <= MAX_SLUG) return slug;
  let cut = '';
  for (const word of words) {
    const next = cut ? `${cut}-${word}` : word;
    if (next.length > MAX_SLUG - 8) break;
    cut = next;
  }
  return `${cut || slug.slice(0, MAX_SLUG - 8)}-${fingerprint(words.join(' '))}`;
}

/** Number of whitespace-separated words. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/).length : 0;
}

const SUBSCRIPTS: Record<string, string> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
  '+': '₊',
  '-': '₋',
  '=': '₌',
  '(': '₍',
  ')': '₎',
  a: 'ₐ',
  e: 'ₑ',
  h: 'ₕ',
  i: 'ᵢ',
  j: 'ⱼ',
  k: 'ₖ',
  l: 'ₗ',
  m: 'ₘ',
  n: 'ₙ',
  o: 'ₒ',
  p: 'ₚ',
  r: 'ᵣ',
  s: 'ₛ',
  t: 'ₜ',
  u: 'ᵤ',
  v: 'ᵥ',
  x: 'ₓ',
  ',': ',',
};

function subscript(text: string): string {
  if (text === 'infty' || text === '\\infty') return '∞';
  const chars = [...text];
  if (chars.every((c) => c in SUBSCRIPTS)) return chars.map((c) => SUBSCRIPTS[c]).join('');
  return `_${text}`;
}

/** LaTeX commands whose meaning is unambiguous once a backslash is present. */
const LATEX_SYMBOLS: Record<string, string> = {
  times: '×',
  cdot: '·',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  approx: '≈',
  sim: '~',
  pm: '±',
  infty: '∞',
  in: '∈',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  ll: '≪',
  gg: '≫',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  omega: 'ω',
  Omega: 'Ω',
  Theta: 'Θ',
  Delta: 'Δ',
  Sigma: 'Σ',
  ell: 'ℓ',
  sqrt: '√',
  sum: 'Σ',
  log: 'log',
  ldots: '…',
  dots: '…',
  cdots: '⋯',
};

function convertLatex(math: string): string {
  return math
    .replace(
      /\\(?:mathcal|mathbf|mathrm|mathbb|text|textbf|textit|operatorname)\{([^{}]*)\}/g,
      '$1',
    )
    .replace(/\\([A-Za-z]+)/g, (whole, name: string) => LATEX_SYMBOLS[name] ?? whole)
    .replace(/\\[,;:! ]/g, ' ')
    .replace(
      /ℓ_\{([^{}]+)\}|ℓ_(\w)/g,
      (_w, braced?: string, single?: string) => `ℓ${subscript(braced ?? single ?? '')}`,
    )
    .replace(/\\([{}%$&#_])/g, '$1');
}

/** A private-use character that stands for an escaped dollar while math is converted. */
const DOLLAR = '\ue000';

/** LaTeX commands that only style their argument: the argument is the text. */
const TEXT_COMMAND =
  /\\(?:emph|textbf|textit|textrm|textsf|texttt|textsc|textup|textnormal|mbox|hbox|underline|uline|url)\s*\{/;

/**
 * Unwraps `\emph{…}` and its kin, nested ones too (`\textbf{\emph{x}}`) and braces inside the
 * argument (`\mbox{a {b} c}`). A command whose brace is never closed loses only its opener.
 */
function unwrapTextCommands(text: string): string {
  let out = text;
  for (let m = TEXT_COMMAND.exec(out); m; m = TEXT_COMMAND.exec(out)) {
    const start = m.index + m[0].length;
    let depth = 1;
    let end = start;
    for (; end < out.length && depth; end++)
      if (out[end] === '{') depth++;
      else if (out[end] === '}') depth--;
    out = depth
      ? out.slice(0, m.index) + out.slice(start)
      : out.slice(0, m.index) + out.slice(start, end - 1) + out.slice(end);
  }
  return out;
}
/** Citations and references: nothing a reader of an abstract can follow. */
const CITATIONS = /[ ~]?\\(?:cite[a-z]*\*?|ref|eqref|label)\s*(?:\[[^\]]*\]\s*){0,2}\{[^{}]*\}/g;

/**
 * Cleans LaTeX and mangled math where the intent is unambiguous and leaves everything else
 * untouched: `\$1,503` becomes `$1,503`; `\emph{…}`, `\textbf{…}`, `\textit{…}`, `\mbox{…}` are
 * unwrapped and `\cite{…}` removed; `$\times$` and `37times3` become ×,
 * `ell_1`/`ell_{p}`/`ell_infty` become ℓ₁/ℓₚ/ℓ∞, `!left(!0!<! p!leq!1right)` becomes `(0 < p ≤ 1)`,
 * `{O}(` becomes `O(`, and inline `$…$` math is rendered with Unicode symbols. `R^n` and other
 * text stay as they are. Never invents words: the raw abstract is always kept beside the cleaned one.
 */
export function cleanMath(text: string): string {
  return (
    unwrapTextCommands(text.replace(/\\\$/g, DOLLAR))
      .replace(CITATIONS, '')
      // Inline math with its delimiters intact: convert the commands, drop the dollars.
      .replace(/\$([^$\n]{1,200})\$/g, (_w, math: string) => convertLatex(math))
      .replace(/\\times/g, '×')
      // KaTeX copied as text loses the backslash: "37times3", "3Dtimes33D".
      .replace(/(\d[A-Za-z]?)times(?=\d)/g, '$1×')
      // ell_1, ell_{p}, ell_infty, ell_{2,1}: the ℓ-norms.
      .replace(
        /\bell_\{([^{}\s]{1,8})\}|\bell_(infty|\d+|[a-z])(?![A-Za-z0-9])/g,
        (_w, braced?: string, bare?: string) => `ℓ${subscript(braced ?? bare ?? '')}`,
      )
      // "!left(!0!<! p!leq!1right)": thin spaces (\!) and \left( \right) lost their backslashes.
      .replace(/!?left\(([^()]{1,60}?)right\)/g, (_w, inner: string) => {
        const body = inner
          .replace(/!/g, ' ')
          .replace(/\bleq\b|leq(?=\d)/g, '≤')
          .replace(/\bgeq\b|geq(?=\d)/g, '≥')
          .replace(/\s*([<>=≤≥])\s*/g, ' $1 ')
          .replace(/\s+/g, ' ')
          .trim();
        return `(${body})`;
      })
      .replace(/\{O\}\(/g, 'O(')
      .replaceAll(DOLLAR, '$')
  );
}

/** Removes C0/C1 control characters and bidi overrides that would reorder or hide text. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/* eslint-disable no-control-regex -- this pattern is about control characters */
/** C0/C1 controls (but tab, newline, carriage return), bidi marks and overrides, BOM. */
export const CONTROL_CHARACTERS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/* eslint-enable no-control-regex */

/**
 * A character that draws nothing on its own: white space, controls and format characters
 * (zero-width space and joiners, word joiner, bidi marks, BOM, soft hyphen), the other default
 * ignorables (variation selectors, Hangul fillers, tag characters), combining marks (with no
 * letter to sit on they show nothing), and the braille blank, a symbol that is drawn empty.
 */
const INVISIBLE_CHARACTER =
  /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u;
const VISIBLE_CHARACTER =
  /[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u;

/** Whether a reader would see anything of `text`: false for '' and for invisible characters only. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE_CHARACTER.test(text);
}

/**
 * Why `text` shows nothing, for a message ("empty", "only invisible characters (U+200B U+2060)"),
 * or null when it shows something. The one check of a blank title, abstract or name.
 */
export function blankText(text: string): string | null {
  if (hasVisibleText(text)) return null;
  const codes = [...new Set(text)]
    .filter((c) => INVISIBLE_CHARACTER.test(c) && !/\p{White_Space}/u.test(c))
    .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  if (!codes.length) return 'empty';
  return `only invisible characters (${codes.slice(0, 5).join(' ')}${codes.length > 5 ? ' …' : ''})`;
}
