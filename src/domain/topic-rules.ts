/**
 * Topics defined by words: a reader's own topics ("New topic" in the app, ids `my-…`) and a
 * site's extra topics (`topics` in paperboy.config.json, ids `site-…`, applied when the site is
 * built). A rule is a label and two lists of words or phrases:
 *
 * - a paper has the topic when its title or abstract contains one of the `include` phrases, as a
 *   whole word ("GAN" does not match "organ"), a plural ("transformer" matches "transformers"),
 *   or with any spacing or hyphens between its words ("mixture of experts" matches
 *   "mixture-of-experts"); a trailing `*` matches any ending ("quantiz*");
 * - an `exclude` phrase that itself contains an included phrase stops that use counting
 *   (include "sparse", exclude "sparse views": a paper about sparse views only is out, one that
 *   also says "sparse attention" is in); any other excluded phrase leaves the paper out (exclude
 *   "survey").
 *
 * Matching is on case- and accent-folded text, the same everywhere (ingest, build, the app and
 * its worker); the words that matched are the topic's evidence, like a built-in topic's.
 */
import type { Evidence, Paper } from './schema';
import { TOPIC_LABELS } from './topic-meta';
import { foldCase } from './tokenize';

export const RULE_LIMITS = {
  /** Characters of a topic's name. */
  label: 60,
  /** Phrases in each of `include` and `exclude`. */
  phrases: 40,
  /** Characters of one phrase. */
  phrase: 80,
  /** A reader's own topics. */
  own: 30,
} as const;

export const OWN_PREFIX = 'my-';
export const SITE_PREFIX = 'site-';
export const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const OWN_ID = new RegExp(`^${OWN_PREFIX}${SLUG}$`);
const SITE_ID = new RegExp(`^${SITE_PREFIX}${SLUG}$`);

/** A topic defined by words; checked by topicRuleSchema (topic-rule-schema.ts). */
export interface TopicRule {
  id: string;
  label: string;
  include: string[];
  exclude: string[];
}

/** Whether an id names one of the reader's own topics (it may no longer exist). */
export const isOwnTopicId = (id: string) => OWN_ID.test(id);
/** Whether an id has the shape of a site topic's (the index says whether it exists). */
export const isSiteTopicId = (id: string) => SITE_ID.test(id);
/** Whether a topic id from a URL or a file could name a topic: built-in, site or own. */
export const isTopicIdShape = (id: string) =>
  TOPIC_LABELS.has(id) || isOwnTopicId(id) || isSiteTopicId(id);

export function hasWord(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Phrases from what a reader typed: one per comma, semicolon or line, trimmed, no repeats. */
export function parsePhrases(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const p = part.trim().replace(/\s+/g, ' ');
    if (p && hasWord(p) && !out.some((o) => foldCase(o) === foldCase(p))) out.push(p);
  }
  return out;
}

/** A slug of a label: lowercase words joined by dashes, at most 40 characters. */
function slug(label: string): string {
  const s = foldCase(label)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s || 'topic';
}

/** A new id for a topic named `label`, with `prefix`, not one of `taken`. */
export function topicIdFor(label: string, prefix: string, taken: readonly string[]): string {
  const base = `${prefix}${slug(label)}`;
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/** Why a rule a reader wrote cannot be saved (a message naming the field), or null. */
export function ruleProblem(
  rule: Pick<TopicRule, 'label' | 'include' | 'exclude'>,
  otherLabels: readonly string[],
): string | null {
  const label = rule.label.trim();
  if (!label) return 'Give the topic a name.';
  if (label.length > RULE_LIMITS.label)
    return `A topic's name has at most ${RULE_LIMITS.label} characters; this one has ${label.length}.`;
  if (otherLabels.some((l) => foldCase(l) === foldCase(label)))
    return `There is already a topic called “${label}”: choose another name.`;
  if (!rule.include.length)
    return 'Add at least one word or phrase a paper of this topic contains.';
  for (const [list, name] of [
    [rule.include, 'words to include'],
    [rule.exclude, 'words to exclude'],
  ] as const) {
    if (list.length > RULE_LIMITS.phrases)
      return `At most ${RULE_LIMITS.phrases} ${name}; there are ${list.length}.`;
    const long = list.find((p) => p.length > RULE_LIMITS.phrase);
    if (long)
      return `“${long.slice(0, 30)}…” in ${name} is longer than ${RULE_LIMITS.phrase} characters.`;
  }
  return null;
}

/** A rule ready to match: one regular expression per list. */
export interface CompiledRule {
  id: string;
  label: string;
  include: RegExp;
  /** Excluded phrases that contain an included one: blanked out before matching. */
  blank: RegExp | null;
  /** Excluded phrases that leave the paper out. */
  veto: RegExp | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_CHAR = '[\\p{L}\\p{N}]';

/** The pattern of one phrase over folded text (see the module comment for what it matches). */
function phrasePattern(text: string): string {
  const words = foldCase(text)
    .split(/[^\p{L}\p{N}*]+/u)
    .filter((w) => w.replace(/\*/g, ''));
  return words
    .map((w, i) => {
      const prefix = w.endsWith('*') && i === words.length - 1;
      const core = escape(w.replace(/\*/g, ''));
      if (prefix) return `${core}${WORD_CHAR}*`;
      // A plural of the last word, when it ends in a letter: "transformer" finds "transformers".
      return i === words.length - 1 && /\p{L}$/u.test(core) && core.length > 2
        ? `${core}(?:s|es)?`
        : core;
    })
    .join('[\\s\\-‐–/]+');
}

function anyOf(phrases: readonly string[]): RegExp | null {
  const sources = phrases.map(phrasePattern).filter(Boolean);
  if (!sources.length) return null;
  return new RegExp(`(?<!${WORD_CHAR})(?:${sources.join('|')})(?!${WORD_CHAR})`, 'gu');
}

const NEVER = /(?!)/g;

export function compileRule(rule: TopicRule): CompiledRule {
  const include = anyOf(rule.include) ?? NEVER;
  const blanks: string[] = [];
  const vetoes: string[] = [];
  for (const p of rule.exclude) {
    include.lastIndex = 0;
    (include.test(foldCase(p)) ? blanks : vetoes).push(p);
  }
  return { id: rule.id, label: rule.label, include, blank: anyOf(blanks), veto: anyOf(vetoes) };
}

function found(re: RegExp, text: string): string[] {
  re.lastIndex = 0;
  return [...text.matchAll(re)].map((m) => m[0]);
}

const unique = (words: string[]) => [...new Set(words)];

/** Whether a paper has the rule's topic, and the words that say so; null when it has not. */
export function matchRule(rule: CompiledRule, title: string, abstract: string): Evidence | null {
  let t = foldCase(title);
  let a = foldCase(abstract);
  if (rule.veto) {
    rule.veto.lastIndex = 0;
    if (rule.veto.test(t)) return null;
    rule.veto.lastIndex = 0;
    if (rule.veto.test(a)) return null;
  }
  if (rule.blank) {
    const re = rule.blank;
    t = t.replace(re, (m) => ' '.repeat(m.length));
    a = a.replace(re, (m) => ' '.repeat(m.length));
  }
  const inTitle = found(rule.include, t);
  const inAbstract = found(rule.include, a);
  if (!inTitle.length && !inAbstract.length) return null;
  return {
    title: unique(inTitle),
    abstract: unique(inAbstract),
    score: (inTitle.length ? 3 : 0) + Math.min(inAbstract.length, 3),
  };
}

/**
 * The papers with the rules' topics added to their own (after the built-in ones, in rule order)
 * with the evidence for each. A paper no rule matches is returned as it was, the same object, so
 * a list re-renders only the papers whose topics changed. Topics from an earlier application are
 * replaced, never added twice.
 */
export function applyTopicRules(papers: readonly Paper[], rules: readonly CompiledRule[]): Paper[] {
  const ids = new Set(rules.map((r) => r.id));
  return papers.map((paper) => {
    const stale = paper.topics.filter((t) => ids.has(t) || isOwnTopicId(t));
    const added: string[] = [];
    const evidence: Record<string, Evidence> = {};
    for (const rule of rules) {
      const e = matchRule(rule, paper.title, paper.abstract);
      if (e) {
        added.push(rule.id);
        evidence[rule.id] = e;
      }
    }
    if (!added.length && !stale.length) return paper;
    const kept = paper.topics.filter((t) => !stale.includes(t));
    const keptEvidence = Object.fromEntries(
      Object.entries(paper.evidence).filter(([t]) => !stale.includes(t)),
    );
    return {
      ...paper,
      topics: [...kept, ...added],
      evidence: { ...keptEvidence, ...evidence },
    };
  });
}

/** The words a paper's evidence for these topics holds, folded, for highlighting. */
export function evidenceTerms(paper: Paper, topics: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of topics) {
    const e = Object.hasOwn(paper.evidence, t) ? paper.evidence[t] : undefined;
    if (!e) continue;
    for (const phrase of [...e.title, ...e.abstract])
      for (const word of foldCase(phrase).split(/[^\p{L}\p{N}]+/u)) if (word) out.add(word);
  }
  return [...out];
}

/** What an index and its days look like with a site's extra topics (see withSiteTopics). */
export interface IndexWithDays<I> {
  index: I;
  days: Map<string, Paper[]>;
}

interface IndexShape {
  version: string;
  days: { date: string; count: number; topics: Record<string, number> }[];
  topics: { id: string; label: string; count: number }[];
}

/**
 * A dataset with a site's extra topics applied: every day's papers tagged, the index's topic
 * table and per-day counts extended, and its version changed with the rules (so a reader's
 * cached copy is replaced when the site's topics change).
 */
export function withSiteTopics<I extends IndexShape>(
  index: I,
  days: ReadonlyMap<string, readonly Paper[]>,
  rules: readonly TopicRule[],
  fingerprint: (text: string) => string,
): IndexWithDays<I> {
  const compiled = rules.map(compileRule);
  const tagged = new Map<string, Paper[]>();
  for (const [date, papers] of days) tagged.set(date, applyTopicRules(papers, compiled));
  const totals = new Map(rules.map((r) => [r.id, 0]));
  const entries = index.days.map((d) => {
    const topics = { ...d.topics };
    for (const p of tagged.get(d.date) ?? [])
      for (const t of p.topics)
        if (totals.has(t)) {
          topics[t] = (topics[t] ?? 0) + 1;
          totals.set(t, totals.get(t)! + 1);
        }
    return { ...d, topics };
  });
  const ruleIds = new Set(rules.map((r) => r.id));
  return {
    index: {
      ...index,
      version: rules.length
        ? `${index.version}-${fingerprint(JSON.stringify(rules))}`
        : index.version,
      days: entries,
      topics: [
        ...index.topics.filter((t) => !ruleIds.has(t.id)),
        ...rules.map((r) => ({ id: r.id, label: r.label, count: totals.get(r.id) ?? 0 })),
      ],
    },
    days: tagged,
  };
}

const compiledCache = new WeakMap<readonly TopicRule[], CompiledRule[]>();

/** The rules compiled, once per array of rules. */
export function compileRules(rules: readonly TopicRule[]): CompiledRule[] {
  let compiled = compiledCache.get(rules);
  if (!compiled) compiledCache.set(rules, (compiled = rules.map(compileRule)));
  return compiled;
}

/** How many of the papers have each of the topics `ids` (only those with at least one). */
export function countTopics(
  papers: readonly Paper[],
  ids: readonly string[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of papers)
    for (const t of p.topics) if (ids.includes(t)) counts[t] = (counts[t] ?? 0) + 1;
  return counts;
}
