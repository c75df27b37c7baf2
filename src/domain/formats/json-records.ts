/**
 * JSON inputs: the Hugging Face daily-papers API (a top-level array of `{paper: {...}, ...}`)
 * and JSON lines from other tools (one paper object a line). Both go through one record reader
 * that knows the common field names (`summary` for the abstract, `authors` as strings or
 * `{name}` objects, `githubRepo` for code, ...).
 */
import { LIMITS } from '../limits';
import type { Link } from '../schema';
import {
  type FormatId,
  type ParseOptions,
  type Parsed,
  type RawPaper,
  MAX_ABSTRACT_CHARS,
  arxivIdFrom,
  checkDateOption,
  checkText,
  collapse,
  count,
  dayOf,
  formatError,
  lineAt,
  mergeDuplicates,
  normalizeNewlines,
  plural,
  preview,
  splitAuthors,
} from './raw';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The first field of `record` among `names` that is a non-empty string. */
function pick(record: Json, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = str(record[name]);
    if (value?.trim()) return value;
  }
  return undefined;
}

const TITLE = ['title', 'paper_title'];
const ABSTRACT = ['abstract', 'summary', 'description', 'abstract_text'];
const DATE = [
  'date',
  'feed_date',
  'day',
  'submittedOnDailyAt',
  'publishedAt',
  'published',
  'created',
  'published_at',
];
const ID = ['arxivId', 'arxiv_id', 'arxiv', 'paper_id', 'id', 'entry_id', 'url', 'abs', 'link'];
const CODE = ['githubRepo', 'github', 'github_url', 'code', 'code_url', 'repo', 'repository'];
const PROJECT = ['projectPage', 'project', 'project_page', 'project_url', 'homepage'];

function authorsOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.trim() ? splitAuthors(value) : undefined;
  if (!Array.isArray(value)) return undefined;
  const names = value.flatMap((a) => {
    if (typeof a === 'string') return [a];
    if (isObject(a)) {
      const name = str(a.name) ?? str(a.fullname);
      if (name) return [name];
    }
    return [];
  });
  return names.map(collapse).filter(Boolean);
}

function categoriesOf(record: Json): string[] | undefined {
  const value = record.categories ?? record.category ?? record.primary_category;
  const list =
    typeof value === 'string'
      ? value.split(/[\s,]+/)
      : Array.isArray(value)
        ? value.filter((v): v is string => typeof v === 'string')
        : [];
  const primary = str(record.primary_category);
  const all = [...new Set([primary, ...list].filter((c): c is string => !!c?.trim()))];
  return all.length ? all.map((c) => c.trim()) : undefined;
}

function linksOf(record: Json): Link[] {
  const nested = isObject(record.links) ? record.links : {};
  const links: Link[] = [];
  const add = (kind: Link['kind'], url: string | undefined) => {
    if (url && /^https?:\/\/\S+$/i.test(url.trim()) && !links.some((l) => l.url === url.trim()))
      links.push({ kind, url: url.trim() });
  };
  add('code', pick(record, CODE) ?? pick(nested, CODE));
  add('project', pick(record, PROJECT) ?? pick(nested, PROJECT));
  return links;
}

/**
 * Reads one paper object. `fallbackDate` is the date when the record has none (the file name's
 * day, or --date). Throws a formatError naming the line and the missing field.
 */
function readRecord(
  record: Json,
  line: number,
  format: FormatId,
  fallbackDate: string | undefined,
  where: string,
): RawPaper {
  const title = collapse(pick(record, TITLE) ?? '');
  const abstract = collapse(pick(record, ABSTRACT) ?? '');
  if (!title)
    throw formatError(format, `${where} has no "title" string; every paper needs a title`, line);
  if (title.length > LIMITS.title)
    throw formatError(
      format,
      `the title "${preview(title)}" is ${title.length.toLocaleString('en-US')} characters, over the ${LIMITS.title} limit; is it a title?`,
      line,
    );
  if (!abstract)
    throw formatError(
      format,
      `${where} ("${preview(title)}") has no "abstract" or "summary" string`,
      line,
    );
  if (abstract.length > MAX_ABSTRACT_CHARS)
    throw formatError(
      format,
      `the abstract of "${preview(title)}" is ${abstract.length.toLocaleString('en-US')} characters, over the ${MAX_ABSTRACT_CHARS.toLocaleString('en-US')} limit`,
      line,
    );
  const rawDate = pick(record, DATE);
  const date = rawDate !== undefined ? dayOf(rawDate) : fallbackDate;
  if (rawDate !== undefined && !date)
    throw formatError(
      format,
      `${where} ("${preview(title)}") has the date "${preview(rawDate, 30)}", which is not a day; use YYYY-MM-DD`,
      line,
    );
  if (!date)
    throw formatError(
      format,
      `${where} ("${preview(title)}") has no "date" as YYYY-MM-DD, and the file name has none; add one or pass --date`,
      line,
    );
  const paper: RawPaper = { title, abstract, date, line };
  const authors = authorsOf(record.authors ?? record.author);
  if (authors?.length) paper.authors = authors;
  const arxivId = ID.map((k) => arxivIdFrom(record[k])).find(Boolean);
  if (arxivId) paper.arxivId = arxivId;
  const upvotes = count(record.upvotes);
  if (upvotes !== undefined) paper.upvotes = upvotes;
  const comments = count(record.numComments ?? record.num_comments);
  if (comments !== undefined) paper.comments = comments;
  const categories = categoriesOf(record);
  if (categories) paper.categories = categories;
  const links = linksOf(record);
  if (links.length) paper.links = links;
  const note = str(record.comment) ?? str(record.comments);
  if (note?.trim()) paper.note = collapse(note);
  return paper;
}

/**
 * A Hugging Face daily-papers item: `{paper: {...}, publishedAt, numComments, ...}`. The feed
 * day is the day the paper appeared on the daily page (`paper.submittedOnDailyAt`), else the
 * item's `publishedAt`; `paper.publishedAt` (the arXiv date) is not the feed day.
 */
function flattenHfItem(item: Json): Json {
  const paper = isObject(item.paper) ? item.paper : {};
  return {
    ...item,
    ...paper,
    date: str(paper.submittedOnDailyAt) ?? str(item.publishedAt) ?? str(item.date),
    id: paper.id ?? item.id,
    title: str(paper.title) ?? item.title,
    summary: str(paper.summary) ?? item.summary,
    upvotes: paper.upvotes ?? item.upvotes,
    numComments: item.numComments ?? paper.numComments,
  };
}

const isHfItem = (v: unknown) => isObject(v) && isObject(v.paper);

function finish(format: FormatId, papers: RawPaper[], extra: string[]): Parsed {
  const { papers: merged, merged: duplicates } = mergeDuplicates(papers);
  const details = [plural(merged.length, 'paper'), ...extra];
  if (duplicates) details.push(`${plural(duplicates, 'duplicate')} merged`);
  return { format, papers: merged, details };
}

function fallback(options: ParseOptions): string | undefined {
  return options.date ?? options.fileDate;
}

/**
 * Parses a JSON document: the Hugging Face daily-papers API array (`[{paper: {...}}, ...]`) or
 * a plain array of paper objects. An empty array is no papers, not an error.
 */
export function parseJsonDocument(input: string, options: ParseOptions = {}): Parsed {
  const text = normalizeNewlines(input);
  checkText(text);
  checkDateOption(options);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String(error));
    throw formatError(
      'json-lines',
      'not valid JSON (is the download complete?); a JSON file must be one array of papers',
      at ? lineAt(text, Number(at[1])) : undefined,
    );
  }
  const items = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.papers)
      ? value.papers
      : null;
  if (!items)
    throw formatError(
      'json-lines',
      'expected an array of papers (like the Hugging Face daily-papers API returns) or one paper object a line',
      1,
    );
  const hf = items.length > 0 && items.every(isHfItem);
  const format: FormatId = hf ? 'hf-api' : 'json-lines';
  const single = !text.trimEnd().includes('\n');
  const papers = items.map((item, i) => {
    if (!isObject(item))
      throw formatError(
        format,
        `item ${i + 1} of the array is not an object`,
        single ? 1 : undefined,
      );
    const record = hf ? flattenHfItem(item) : item;
    const id = arxivIdFrom(record.id);
    return readRecord(
      record,
      1,
      format,
      fallback(options),
      `item ${i + 1}${id ? ` (arXiv ${id})` : ''}`,
    );
  });
  const days = new Set(papers.map((p) => p.date));
  return finish(format, papers, days.size > 1 ? [`over ${plural(days.size, 'day')}`] : []);
}

/**
 * Parses JSON lines: one object a line with `title`, `abstract` (or `summary`) and a date
 * (`date`, `published`, ...; else the YYYY-MM-DD in the file name; else --date), and optionally
 * authors, an arXiv id, upvotes, categories, code and project links. Hugging Face API items
 * (`{paper: {...}}`) are read too. Blank lines are skipped; duplicates are merged.
 */
export function parseJsonLines(input: string, options: ParseOptions = {}): Parsed {
  const text = normalizeNewlines(input);
  checkText(text);
  checkDateOption(options);
  const papers: RawPaper[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw formatError(
        'json-lines',
        'not valid JSON; each line of a .jsonl file must be one JSON object',
        line,
      );
    }
    if (!isObject(value))
      throw formatError('json-lines', 'expected a JSON object with title, abstract and date', line);
    const record = isHfItem(value) ? flattenHfItem(value) : value;
    papers.push(readRecord(record, line, 'json-lines', fallback(options), 'the object'));
  }
  if (!papers.length)
    throw formatError('json-lines', 'no papers found: the file has no JSON lines');
  return finish('json-lines', papers, []);
}
