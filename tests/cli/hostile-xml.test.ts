// @vitest-environment node
// (Node's own fetch and AbortSignal: jsdom's AbortSignal is not one undici accepts.)
/**
 * Hardening (issue 24, item 7): hostile XML. A DOCTYPE or ENTITY declaration anywhere in the
 * document is refused (not only in its first 2,000 characters), and the XML reader's own limits
 * (elements nested too deep) are a message naming the file, exit code 1, not an "unexpected
 * error" with 70; through `npm run ingest` and through `npm run fetch`, with data/ unchanged.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest-cli';
import { fixture, snapshot } from '../helpers';
import { type LocalServer, copyOfData, fetchCommand, startServer } from './local-server';

const RSS = readFileSync(fixture('feeds/arxiv-rss-cs.LG-2026-09-24.xml'), 'utf8');
const ATOM = readFileSync(fixture('feeds/atom-three-entries.xml'), 'utf8');
const PROLOG = "<?xml version='1.0' encoding='UTF-8'?>\n";

/** `feed` with `insert` put just after its root element's opening tag (and the prolog kept). */
const after = (feed: string, open: string, insert: string) =>
  feed.replace(open, (tag) => `${tag}${insert}`);

/** 3,000 characters of whitespace and a comment, then a DOCTYPE whose entity a title uses. */
const lateDoctype = (feed: string, root: string) =>
  `${PROLOG}<!--${' '.repeat(1500)}-->${'\n'.repeat(1500)}<!DOCTYPE ${root} [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n${feed
    .slice(PROLOG.length)
    .replace('<title>', '<title>&b;')}`;

const deep = (feed: string, open: string) =>
  after(feed, open, `${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}`);

const REFUSED = (format: string, what: string, line: number, declaration: string) =>
  `line ${line}: read as ${format}: ${what} has a <!${declaration}> declaration, which Paperboy does not read (feeds have none, and its entities can expand without bound); remove it`;

let data: ReturnType<typeof copyOfData>;
let before: Record<string, string>;
beforeEach(() => {
  data = copyOfData();
  before = snapshot(data.out);
});
afterEach(() => data.remove());

function ingestText(name: string, text: string) {
  const file = join(data.dir, name);
  writeFileSync(file, text);
  const err: string[] = [];
  const code = runIngest([file, '--out', data.out], { out: () => {}, err: (l) => err.push(l) });
  return { code, err: err.join('\n'), file };
}

describe('npm run ingest refuses hostile XML, naming the file', () => {
  const cases: [string, string, (file: string) => string][] = [
    [
      'an RSS feed with a DOCTYPE after 3,000 characters of comment and blank lines',
      lateDoctype(RSS, 'rss'),
      (f) => `${f} ${REFUSED('arXiv RSS', 'this RSS feed', 1502, 'DOCTYPE')}`,
    ],
    [
      'an Atom feed with a DOCTYPE after 3,000 characters',
      lateDoctype(ATOM, 'feed'),
      (f) => `${f} ${REFUSED('arXiv API Atom', 'this arXiv API response', 1502, 'DOCTYPE')}`,
    ],
    [
      'an RSS feed with an ENTITY declaration and no DOCTYPE',
      after(RSS, '<channel>', '\n<!ENTITY a "x">'),
      (f) => `${f} ${REFUSED('arXiv RSS', 'this RSS feed', 4, 'ENTITY')}`,
    ],
    [
      'an RSS feed nested 5,000 elements deep',
      deep(RSS, '<channel>'),
      (f) =>
        `${f}: read as arXiv RSS: this RSS feed nests elements more than 100 levels deep, which no feed does; is it the right file?`,
    ],
    [
      'an Atom feed nested 5,000 elements deep',
      deep(ATOM, '<entry>'),
      (f) =>
        `${f}: read as arXiv API Atom: this arXiv API response nests elements more than 100 levels deep, which no feed does; is it the right file?`,
    ],
  ];

  it.each(cases)('%s', (_name, text, message) => {
    const result = ingestText('hostile.xml', text);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`paperboy ingest: ${message(result.file)}`);
    expect(snapshot(data.out)).toEqual(before);
  });

  it('still reads a feed whose abstract mentions <!DOCTYPE html> (escaped, as text)', () => {
    const text = RSS.replace('Abstract: ', 'Abstract: We parse &lt;!DOCTYPE html&gt; pages. ');
    const result = ingestText('fine.xml', text);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('npm run fetch refuses hostile XML, naming the address', () => {
  let server: LocalServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => server.close());

  const cases: [string, string, RegExp][] = [
    ['a DOCTYPE after 3,000 characters', lateDoctype(RSS, 'rss'), /has a <!DOCTYPE> declaration/],
    ['an ENTITY declaration', after(RSS, '<channel>', '<!ENTITY a "x">'), /<!ENTITY>/],
    ['5,000 nested elements', deep(RSS, '<channel>'), /more than 100 levels deep/],
  ];

  it.each(cases)('%s', async (_name, body, reason) => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(body);
    };
    const result = await fetchCommand(server.base, ['arxiv', 'cs.LG', '--out', data.out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).not.toContain('Please report');
    expect(result.lines.err.at(-1)).toBe(
      `paperboy fetch: could not ingest what ${server.base}/rss/cs.LG answered (see above); nothing was changed`,
    );
    expect(snapshot(data.out)).toEqual(before);
  });
});
