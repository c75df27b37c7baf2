/**
 * The dataset schema: the one place a Paper, a day file and the dataset index are defined.
 * The ingest CLI validates what it writes and the app validates what it loads with these
 * schemas, so the two cannot drift. Types are inferred from the schemas.
 *
 * zod/mini is used rather than classic zod because the app loads it on first paint and the
 * functional API tree-shakes to a few kilobytes.
 */
import * as z from 'zod/mini';
import { isIsoDate } from './iso-date';

/** Bumped whenever a stored field changes meaning; the app refuses other versions with a message. */
export const SCHEMA_VERSION = 1;

/** The one ISO-date schema: YYYY-MM-DD naming a real day (2025-02-31 is refused). */
export const isoDate = z.string().check(z.refine(isIsoDate, 'expected a real day as YYYY-MM-DD'));
const httpUrl = z.string().check(z.regex(/^https?:\/\/[^\s]+$/i, 'expected an http(s) URL'));
/** Paper ids are slugs: lowercase letters, digits and dashes, so they are safe in URLs as-is. */
export const PAPER_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const LINK_KINDS = ['code', 'project', 'dataset', 'other'] as const;
export const linkSchema = z.object({
  kind: z.enum(LINK_KINDS),
  url: httpUrl,
});

/** Why a topic was given: the words of the title and abstract that matched its patterns. */
export const evidenceSchema = z.object({
  title: z.array(z.string()),
  abstract: z.array(z.string()),
  score: z.number(),
  /** The learned tagger's probability for the topic, in percent (absent: given by the rules). */
  confidence: z.optional(z.number()),
});

export const similarSchema = z.object({
  id: z.string().check(z.regex(PAPER_ID_PATTERN)),
  date: isoDate,
  title: z.string(),
  score: z.number(),
});

export const paperSchema = z.object({
  id: z.string().check(z.regex(PAPER_ID_PATTERN, 'expected a lowercase slug id')),
  date: isoDate,
  title: z.string().check(z.minLength(1)),
  /** The abstract with mangled math cleaned up; what the reader shows. */
  abstract: z.string().check(z.minLength(1)),
  /** The abstract exactly as ingested, when math clean-up changed it: clean-up never loses text. */
  abstractRaw: z.optional(z.string()),
  topics: z.array(z.string()),
  evidence: z.record(z.string(), evidenceSchema),
  links: z.array(linkSchema),
  wordCount: z.int().check(z.nonnegative()),
  /**
   * The five nearest papers across every day, by abstract similarity (computed at ingest). Kept
   * in data/similar/DATE.json, not in the day file; the app attaches them when it loads a day.
   */
  similar: z.optional(z.array(similarSchema)),
  authors: z.optional(z.array(z.string())),
  arxivId: z.optional(z.string()),
  upvotes: z.optional(z.int().check(z.nonnegative())),
  /** Comments on the paper's Hugging Face discussion, where the source counts them. */
  comments: z.optional(z.int().check(z.nonnegative())),
  /** arXiv categories, primary first (cs.LG, stat.ML). */
  categories: z.optional(z.array(z.string())),
});

export const topicSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  count: z.int().check(z.nonnegative()),
});

export const dayEntrySchema = z.object({
  date: isoDate,
  count: z.int().check(z.nonnegative()),
  topics: z.record(z.string(), z.int()),
});

export const datasetIndexSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generatedAt: z.string(),
  /** Changes whenever any day file changes; the service worker keys its data cache on it. */
  version: z.string(),
  paperCount: z.int().check(z.nonnegative()),
  days: z.array(dayEntrySchema),
  topics: z.array(topicSummarySchema),
});

export const dayFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  date: isoDate,
  papers: z.array(paperSchema),
});

/** data/similar/DATE.json: the similar papers of each paper of that day, by paper id. */
export const similarFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  date: isoDate,
  similar: z.record(z.string(), z.array(similarSchema)),
});

export type SimilarFile = z.infer<typeof similarFileSchema>;
export type Link = z.infer<typeof linkSchema>;
export type LinkKind = Link['kind'];
export type Evidence = z.infer<typeof evidenceSchema>;
export type SimilarRef = z.infer<typeof similarSchema>;
export type Paper = z.infer<typeof paperSchema>;
export type TopicSummary = z.infer<typeof topicSummarySchema>;
export type DayEntry = z.infer<typeof dayEntrySchema>;
export type DatasetIndex = z.infer<typeof datasetIndexSchema>;
export type DayFile = z.infer<typeof dayFileSchema>;

/** The outcome of validating untrusted data: the value, or one readable line per problem. */
export type Validated<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(root)';
}

function describe(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (issue.message && issue.message !== 'Invalid input') return `${where}: ${issue.message}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected}`;
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `${where}: too short or too small`;
    default:
      return `${where}: invalid (${issue.code})`;
  }
}

function validateWith<T>(schema: z.ZodMiniType<T>, data: unknown): Validated<T> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.slice(0, 10).map(describe) };
}

/** Validates a parsed `data/index.json`. */
export const validateIndex = (data: unknown): Validated<DatasetIndex> =>
  validateWith(datasetIndexSchema, data);
/** Validates a parsed `data/days/YYYY-MM-DD.json`. */
export const validateDayFile = (data: unknown): Validated<DayFile> =>
  validateWith(dayFileSchema, data);
/** Validates a parsed `data/similar/YYYY-MM-DD.json`. */
export const validateSimilarFile = (data: unknown): Validated<SimilarFile> =>
  validateWith(similarFileSchema, data);
/** Validates one paper (used to keep the good papers of a day file that has a bad one). */
export const validatePaper = (data: unknown): Validated<Paper> => validateWith(paperSchema, data);
