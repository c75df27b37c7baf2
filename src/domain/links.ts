/** Link extraction: every http(s) URL in an abstract, cleaned of trailing punctuation and classified. */
import type { Link, LinkKind } from './schema';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`{}|\\^]+/gi;
const CODE_HOSTS =
  /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|git\.[a-z0-9.-]+)$/i;
const DATASET_HOSTS =
  /^(?:www\.)?(?:zenodo\.org|figshare\.com|kaggle\.com|dataverse\.[a-z.]+|physionet\.org|data\.[a-z0-9.-]+|archive\.ics\.uci\.edu|osf\.io)$/i;
const PROJECT_HOSTS = /\.(?:github\.io|gitlab\.io|netlify\.app|vercel\.app|pages\.dev)$/i;

/** The real homes of the names a look-alike host borrows. */
const BRAND_DOMAINS =
  /(?:^|\.)(?:github\.com|github\.io|githubusercontent\.com|gitlab\.com|gitlab\.io|bitbucket\.org|huggingface\.co|hf\.co|codeberg\.org)$/i;

/**
 * A URL a reader should not trust with a label: it carries credentials (`https://github.com@evil
 * .example/` goes to evil.example), or its host borrows a known name (`github.com.evil.example`,
 * punycode) without being that site.
 */
export function isDeceptive(url: URL): boolean {
  const host = url.hostname;
  if (url.username || url.password) return true;
  if (/(?:^|\.)xn--/i.test(host)) return true;
  return /github|gitlab|bitbucket|huggingface|codeberg/i.test(host) && !BRAND_DOMAINS.test(host);
}

/** Strips sentence punctuation that the URL pattern swallowed, keeping balanced brackets. */
function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const last = url.at(-1);
    if (!last) return url;
    if ('.,;:!?*'.includes(last)) {
      url = url.slice(0, -1);
      continue;
    }
    if (last === ')' || last === ']') {
      const open = last === ')' ? '(' : '[';
      const opens = url.split(open).length - 1;
      const closes = url.split(last).length - 1;
      if (closes > opens) {
        url = url.slice(0, -1);
        continue;
      }
    }
    return url;
  }
}

function isHttpUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** The sentence text before a URL, where "code is available at" or "dataset is at" is said. */
function lead(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - 160), index);
  const sentenceStart = Math.max(
    before.lastIndexOf('. '),
    before.lastIndexOf('? '),
    before.lastIndexOf('! '),
  );
  return (sentenceStart >= 0 ? before.slice(sentenceStart + 2) : before).toLowerCase();
}

/**
 * Classifies a URL from its host and the words that introduce it (a deceptive URL, with
 * credentials or a look-alike host, is always `other`): code hosts are `code`,
 * `*.github.io` and "project page" are `project`, dataset hosts and "the dataset is available at"
 * (without a mention of code) are `dataset`, anything else `other`.
 */
export function classifyLink(url: URL, context: string): LinkKind {
  if (isDeceptive(url)) return 'other';
  const host = url.hostname;
  const path = url.pathname;
  const mentionsData = /\b(?:data ?sets?|data|benchmark data|corpus|corpora)\b/.test(context);
  const mentionsCode = /\b(?:code|codes|implementation|source|repository|repo)\b/.test(context);
  if (
    mentionsData &&
    !mentionsCode &&
    /\b(?:data ?sets?|data|corpus|corpora)\b[^.]{0,40}\b(?:available|released|found|hosted|at|here)\b/.test(
      context,
    )
  )
    return 'dataset';
  if (/(^|\.)huggingface\.co$/i.test(host)) {
    if (path.startsWith('/datasets/')) return 'dataset';
    if (path.startsWith('/spaces/')) return 'project';
    return 'code';
  }
  if (CODE_HOSTS.test(host)) return 'code';
  if (DATASET_HOSTS.test(host)) return 'dataset';
  if (PROJECT_HOSTS.test(host)) return 'project';
  if (/\b(?:project|website|homepage|home page|demo|page)\b/.test(context)) return 'project';
  if (mentionsCode) return 'code';
  if (mentionsData) return 'dataset';
  return 'other';
}

/** Every distinct http(s) URL in the text, in order of appearance, with its kind. */
export function extractLinks(text: string): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    const parsed = isHttpUrl(url);
    if (!parsed || !parsed.hostname.includes('.') || seen.has(url)) continue;
    seen.add(url);
    links.push({ kind: classifyLink(parsed, lead(text, match.index)), url });
  }
  return links;
}

/** True for a string that is safe to put in an href: an absolute http(s) URL. */
export function isSafeHref(url: string): boolean {
  return /^https?:\/\//i.test(url) && isHttpUrl(url) !== null;
}
