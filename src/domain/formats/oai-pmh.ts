/**
 * arXiv OAI-PMH (export.arxiv.org/oai2?verb=ListRecords): one `<record>` a paper, in either of
 * arXiv's own metadata formats:
 *
 * - `metadataPrefix=arXivRaw`: `<version version="v1"><date>` per version, authors as one line of
 *   text with parenthesised affiliations, categories space-separated.
 * - `metadataPrefix=arXiv`: `<created>`, and `<author><keyname><forenames><suffix>` per author.
 *
 * The date is the day version 1 was submitted. Deleted records are skipped; `noRecordsMatch` is an
 * empty result, any other OAI-PMH error is refused. `oai_dc` is not read: it has no categories
 * and mixes dates. One response is one page; its resumptionToken is reported, not followed.
 */
import {
  type ParseOptions,
  type Parsed,
  type RawPaper,
  MAX_ABSTRACT_CHARS,
  arxivIdFrom,
  checkDateOption,
  collapse,
  dayOf,
  formatError,
  linesOf,
  mergeDuplicates,
  plural,
  preview,
  splitAuthors,
} from './raw';
import { firstText, node, readFeedXml } from './arxiv-atom';
import { type XmlNode, attr, list, text } from './xml';

const FORMAT = 'arxiv-oai';

/** What to do about each OAI-PMH error code (the protocol's fixed list). */
const ERROR_FIXES: Record<string, string> = {
  badArgument: 'check the verb, metadataPrefix and from/until (YYYY-MM-DD) arguments',
  badResumptionToken: 'the resumptionToken has expired or is wrong; start the harvest again',
  badVerb: 'ask with verb=ListRecords',
  cannotDisseminateFormat: 'ask with metadataPrefix=arXivRaw or metadataPrefix=arXiv',
  idDoesNotExist: 'check the identifier (oai:arXiv.org:2401.01234)',
  noSetHierarchy: 'drop the set argument',
};

/**
 * Parses an OAI-PMH ListRecords (or GetRecord) response in arXivRaw or arXiv metadata.
 * @throws DigestError naming the record, its arXiv id and line when a record lacks a title,
 *   abstract or date, or has metadata in another format; and for OAI-PMH errors other than
 *   noRecordsMatch.
 */
export function parseOaiPmh(input: string, options: ParseOptions = {}): Parsed {
  checkDateOption(options);
  const root = node(readFeedXml(FORMAT, input, 'OAI-PMH', 'this OAI-PMH response')['OAI-PMH']);

  const errors = list(root, 'error');
  if (errors.length) {
    const codes = errors.map((e) => attr(e, 'code'));
    const messages = errors.map((e) => collapse(text(e)));
    if (codes.every((c) => c === 'noRecordsMatch'))
      return {
        format: FORMAT,
        papers: [],
        details: [
          `0 records (noRecordsMatch${messages[0] ? `: ${preview(messages[0], 120)}` : ''})`,
        ],
      };
    const i = codes.findIndex((c) => c !== 'noRecordsMatch');
    const code = preview(codes[i] || 'unknown', 40);
    const fix = Object.hasOwn(ERROR_FIXES, code) ? ERROR_FIXES[code] : undefined;
    throw formatError(
      FORMAT,
      `the OAI-PMH server answered with the error ${code}${messages[i] ? ` ("${preview(messages[i], 200)}")` : ''}; ${fix ?? 'fix the request and harvest again'}`,
      linesOf(input, /<(?:[\w.-]+:)?error[\s>]/g)[i],
    );
  }

  const listing = node(root.ListRecords ?? root.GetRecord);
  if (!('ListRecords' in root) && !('GetRecord' in root)) {
    const verb = Object.keys(root).find((k) => /^[A-Z]/.test(k) && k !== 'OAI-PMH');
    throw formatError(
      FORMAT,
      `this OAI-PMH response has no <ListRecords>${verb ? ` (it answers ${verb})` : ''}; harvest with verb=ListRecords&metadataPrefix=arXivRaw`,
      1,
    );
  }
  const records = list(listing, 'record');
  const lines = linesOf(input, /<(?:[\w.-]+:)?record[\s>]/g);
  const papers: RawPaper[] = [];
  let deleted = 0;
  records.forEach((value, i) => {
    const record = node(value);
    const line = lines[i] ?? 1;
    const header = node(list(record, 'header')[0]);
    if (attr(header, 'status') === 'deleted') {
      deleted++;
      return;
    }
    const metadata = node(list(record, 'metadata')[0]);
    const raw = list(metadata, 'arXivRaw')[0];
    const meta = node(raw ?? list(metadata, 'arXiv')[0]);
    const arxivId =
      arxivIdFrom(collapse(firstText(meta, 'id'))) ??
      arxivIdFrom(collapse(firstText(header, 'identifier')));
    const where = `record ${i + 1}${arxivId ? ` (arXiv id ${arxivId})` : ''}`;
    if (!Object.keys(meta).length) {
      const other = Object.keys(metadata).find((k) => !k.startsWith('@'));
      throw formatError(
        FORMAT,
        other
          ? `${where} has <${other}> metadata, not arXivRaw or arXiv; harvest with metadataPrefix=arXivRaw`
          : `${where} has no <metadata>; is the response cut short?`,
        line,
      );
    }
    const title = collapse(firstText(meta, 'title'));
    const abstract = collapse(firstText(meta, 'abstract'));
    if (!title)
      throw formatError(FORMAT, `${where} has no <title>; is the response cut short?`, line);
    if (!abstract)
      throw formatError(
        FORMAT,
        `${where} ("${preview(title)}") has no <abstract>; is the response cut short?`,
        line,
      );
    if (abstract.length > MAX_ABSTRACT_CHARS)
      throw formatError(
        FORMAT,
        `the <abstract> of ${where} is ${abstract.length.toLocaleString('en-US')} characters, over the ${MAX_ABSTRACT_CHARS.toLocaleString('en-US')} limit; is it two papers run together?`,
        line,
      );
    const date = (raw ? firstVersionDay(meta) : dayOf(firstText(meta, 'created'))) ?? options.date;
    if (!date)
      throw formatError(
        FORMAT,
        raw
          ? `${where} has no <version> with a <date> (like "Wed, 23 Jan 2008 21:06:41 GMT"); pass --date YYYY-MM-DD`
          : `${where} has no <created> date (YYYY-MM-DD); pass --date YYYY-MM-DD`,
        line,
      );

    const paper: RawPaper = { title, abstract, date, line };
    if (arxivId) paper.arxivId = arxivId;
    const authors = (raw ? splitAuthors(firstText(meta, 'authors')) : authorNames(meta))
      .map(texAccents)
      .filter((a) => /\p{L}/u.test(a));
    if (authors.length) paper.authors = authors;
    const categories = collapse(firstText(meta, 'categories')).split(' ').filter(Boolean);
    if (categories.length) paper.categories = [...new Set(categories)];
    const note = collapse(firstText(meta, 'comments'));
    if (note) paper.note = note;
    papers.push(paper);
  });

  const { papers: merged, merged: duplicates } = mergeDuplicates(papers);
  const details = [plural(papers.length, 'record')];
  if (deleted) details.push(`${plural(deleted, 'deleted record')} skipped`);
  if (duplicates) details.push(`${plural(duplicates, 'duplicate')} merged`);
  const token = list(listing, 'resumptionToken')[0];
  const tokenText = collapse(text(token));
  if (tokenText) {
    const size = Number(attr(token, 'completeListSize'));
    details.push(
      `more records follow (resumptionToken ${preview(tokenText, 60)}${size > 0 ? `, ${plural(size, 'record')} in all` : ''}): harvest the next page`,
    );
  }
  return { format: FORMAT, papers: merged, details };
}

/** The day of version 1 (arXivRaw), else of the earliest version with a readable date. */
function firstVersionDay(meta: XmlNode): string | undefined {
  const versions = list(meta, 'version').map((v) => ({
    name: attr(v, 'version').trim().toLowerCase(),
    day: dayOf(collapse(firstText(node(v), 'date'))),
  }));
  const v1 = versions.find((v) => v.name === 'v1')?.day;
  if (v1) return v1;
  return versions
    .map((v) => v.day)
    .filter((d): d is string => !!d)
    .sort()[0];
}

/** "Naoum C. Bacalis" from `<author><keyname>Bacalis</keyname><forenames>Naoum C.</forenames>`. */
function authorNames(meta: XmlNode): string[] {
  return list(node(list(meta, 'authors')[0]), 'author')
    .map((value) => {
      const a = node(value);
      return collapse(
        [firstText(a, 'forenames'), firstText(a, 'keyname'), firstText(a, 'suffix')].join(' '),
      );
    })
    .filter(Boolean);
}

/** Combining marks for TeX accent commands (`\'e` → é). */
const ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
};
const LETTERS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
};

/**
 * Author names with TeX accents written out: arXiv keeps names as submitted, so OAI-PMH has
 * `Jean-Claude L\'eon` and `Gaff\'e` where the API and the abs page show Léon and Gaffé. Only
 * for names: in a title, `\"` or `\^` may sit in math, so titles and abstracts are left as written.
 */
export function texAccents(name: string): string {
  if (!name.includes('\\')) return name;
  return name
    .replace(/\\(ss|aa|AA|ae|AE|oe|OE|[oOlLij])(?![A-Za-z])\s*/g, (_, l: string) => LETTERS[l]!)
    .replace(
      /\\(?:(['`^"~=.])\s*|([uvHckr])(?=[\s{]))\s*(?:\{\s*([A-Za-z\u0131\u0237])\s*\}|([A-Za-z\u0131\u0237]))/g,
      (_, symbol: string | undefined, named: string | undefined, braced?: string, bare?: string) =>
        `${braced ?? bare}${ACCENTS[(symbol ?? named)!]}`,
    )
    .replace(/[\u0131\u0237](?=[\u0300-\u036f])/g, (c) => (c === '\u0131' ? 'i' : 'j'))
    .replace(/[{}]/g, '')
    .normalize('NFC');
}
