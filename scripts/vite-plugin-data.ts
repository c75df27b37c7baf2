/**
 * Serves the dataset folder at /data/ in dev and preview, and copies it into the build, so the
 * app always fetches the same URLs whether it runs from `npm start`, `vite preview` or static
 * hosting. Only index.json and days/*.json are published; raw digests stay in the repository.
 *
 * Also writes the Atom and JSON feeds (all papers and one per topic) into the build, and serves
 * them in dev and preview, generated from the dataset with the request's own host in the links.
 *
 * And the split search index (data/search/, see src/domain/search-shards-format.ts), built from
 * the papers as served (site topics applied): written by the build, and built in memory by dev
 * and preview once per dataset version, served compressed (brotli or gzip) as a static host would.
 */
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { Connect, Plugin } from 'vite';
import { feedSpecs, toAtom, toJsonFeed } from '../src/domain/feeds.ts';
import type { DatasetIndex, Paper } from '../src/domain/schema.ts';
import { fingerprint } from '../src/domain/text.ts';
import { readSiteTopics } from '../src/domain/topic-rule-schema.ts';
import { withSiteTopics, type TopicRule } from '../src/domain/topic-rules.ts';
import { readDataset } from './ingest-cli.ts';
import {
  buildShardIndex,
  paperFragment,
  type ShardIndex,
} from '../src/domain/search-shards-build.ts';
import { MANIFEST_PATH } from '../src/domain/search-shards-format.ts';
import { cachesToDelete, isMisservedAsset, shellNeedsRemaking } from '../src/sw-caches.ts';

export interface DataPluginOptions {
  dataDir: string;
  /** Absolute site URL used in the feeds written by the build. */
  siteUrl?: string;
  /** The site's extra topics (paperboy.config.json's `topics`), applied to what is served. */
  siteTopics?: readonly TopicRule[];
}

/**
 * The site's extra topics from a config file: none when the file does not exist; an error
 * naming the entry and the fix when one is wrong.
 */
export function siteTopicsFrom(configPath: string): TopicRule[] {
  if (!existsSync(configPath)) return [];
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (error) {
    throw new Error(
      `${configPath} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix it and run again`,
    );
  }
  return readSiteTopics((value as { topics?: unknown } | null)?.topics);
}

function isPublished(relative: string): boolean {
  return relative === 'index.json' || /^(?:days|similar)\/\d{4}-\d{2}-\d{2}\.json$/.test(relative);
}

/** The newest day of the dataset's index, or null without a readable index. */
function newestDay(dataDir: string): string | null {
  try {
    const index = JSON.parse(readFileSync(join(resolve(dataDir), 'index.json'), 'utf8')) as {
      days?: { date?: unknown }[];
    };
    const date = index.days?.at(-1)?.date;
    return typeof date === 'string' && isPublished(`days/${date}.json`) ? date : null;
  } catch {
    return null;
  }
}

/** The version of the dataset's index, or null without a readable index. */
function indexVersion(dataDir: string): string | null {
  try {
    const index = JSON.parse(readFileSync(join(resolve(dataDir), 'index.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof index.version === 'string' ? index.version : null;
  } catch {
    return null;
  }
}

/**
 * The whole dataset, cached by its index version: a request reads only index.json to see
 * whether the dataset changed, and the day files only when it did.
 */
export function datasetLoader(dataDir: string, siteTopics: readonly TopicRule[] = []) {
  let cache: {
    version: string;
    papers: Paper[];
    generatedAt: string;
    index: DatasetIndex;
    days: Map<string, Paper[]>;
  } | null = null;
  // index.json is read again only when its size, time or inode changes: parsing it (125 KB at
  // 20,000 papers) on each of a keystroke's dozen shard requests held them up one behind another.
  let seen: { stamp: string; version: string | null } | null = null;
  const versionNow = () => {
    let stamp: string;
    try {
      const s = statSync(join(resolve(dataDir), 'index.json'));
      stamp = `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return null;
    }
    if (seen?.stamp !== stamp) seen = { stamp, version: indexVersion(dataDir) };
    return seen.version;
  };
  return () => {
    const version = versionNow();
    if (version === null) return null;
    if (cache?.version === version) return cache;
    const dataset = readDataset(resolve(dataDir));
    if (!dataset.index) return null;
    const { index, days } = withSiteTopics(dataset.index, dataset.days, siteTopics, fingerprint);
    cache = {
      version,
      papers: [...days.values()].flat(),
      generatedAt: index.generatedAt,
      index,
      days,
    };
    return cache;
  };
}

/** A day file as published: the day's papers with the site's topics. */
const dayFileOf = (date: string, papers: Paper[], index: DatasetIndex) =>
  `${JSON.stringify({ schemaVersion: index.schemaVersion, date, papers })}\n`;

/** A plain 400: no stack trace, no paths of this machine. */
function badRequest(res: ServerResponse, url: string) {
  res.statusCode = 400;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(`bad request: ${url.slice(0, 200)} is not a valid address`);
}

/**
 * Answers a request whose address cannot be decoded (`/%E0%A4%A`) with a plain 400 before
 * anything else (Vite's own middlewares would answer it with a 500 and a stack trace).
 */
export function rejectBadUrls(): Connect.NextHandleFunction {
  return (req, res, next) => {
    try {
      decodeURI(req.url ?? '/');
    } catch {
      return badRequest(res, req.url ?? '');
    }
    next();
  };
}

const brotli = (body: string | Uint8Array, quality: number) =>
  brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: quality } });

const contentType = (path: string) =>
  path.endsWith('.bin')
    ? 'application/octet-stream'
    : path.endsWith('.txt')
      ? 'text/plain; charset=utf-8'
      : 'application/json; charset=utf-8';

/**
 * Answers `search/…` from the split index of the dataset as served, built on the first request
 * for each dataset version. Files under the version's folder never change: cached for a year.
 * False when the path is none of its files.
 */
function searchServer(load: ReturnType<typeof datasetLoader>) {
  let built: { dataset: object; index: ShardIndex; compressed: Map<string, Buffer> } | null = null;
  return (relative: string, req: IncomingMessage, res: ServerResponse): boolean => {
    const dataset = load();
    if (!dataset) return false;
    if (built?.dataset !== dataset)
      built = {
        dataset,
        index: buildShardIndex(dataset.days, dataset.index.version),
        compressed: new Map(),
      };
    const { index, compressed } = built;
    if (relative === MANIFEST_PATH && !compressed.size) {
      // The index's files compressed before they are asked for, as a static host or CDN
      // serves them (compressed once, then from its cache): compressing each shard on request
      // kept a keystroke's dozen shard requests waiting on one another in this one thread.
      for (const [path, body] of index.files) compressed.set(`br:${path}`, brotli(body, 9));
    }
    let body: string | Uint8Array | undefined;
    if (relative === MANIFEST_PATH) body = `${JSON.stringify(index.manifest)}\n`;
    else {
      const paper = /^search\/[a-z0-9-]+\/p\/(\d+)\.json$/.exec(relative);
      const prefix = `search/${index.manifest.version}/`;
      if (paper && relative.startsWith(prefix)) {
        const p = index.papers[Number(paper[1])];
        body = p ? paperFragment(p) : undefined;
      } else body = index.files.get(relative);
    }
    if (body === undefined) return false;
    res.setHeader('Content-Type', contentType(relative));
    res.setHeader(
      'Cache-Control',
      relative === MANIFEST_PATH ? 'no-cache' : 'public, max-age=31536000, immutable',
    );
    res.setHeader('Vary', 'Accept-Encoding');
    // Brotli where the browser takes it (Chromium does, on localhost too), as static hosts do.
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    if (!encoding) {
      res.end(body);
      return true;
    }
    const key = `${encoding}:${relative}`;
    let encoded = compressed.get(key);
    if (!encoded) {
      encoded = encoding === 'br' ? brotli(body, relative.includes('/p/') ? 5 : 9) : gzipSync(body);
      // Paper files are made per request; the rest is kept, as the index is.
      if (!relative.includes('/p/') && relative !== MANIFEST_PATH) compressed.set(key, encoded);
    }
    res.setHeader('Content-Encoding', encoding);
    res.end(encoded);
    return true;
  };
}

/** Writes the split search index into the build's data folder; its paper files too. */
function writeSearchIndex(dataOut: string, index: ShardIndex) {
  const write = (relative: string, body: string | Uint8Array) => {
    const file = join(dataOut, relative);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  };
  for (const [relative, body] of index.files) write(relative, body);
  const papers = join(dataOut, 'search', index.manifest.version, 'p');
  mkdirSync(papers, { recursive: true });
  index.papers.forEach((p, i) => writeFileSync(join(papers, `${i}.json`), paperFragment(p)));
  // The manifest last: a reader never finds a version whose files are not all there.
  write(MANIFEST_PATH, `${JSON.stringify(index.manifest)}\n`);
}

function middleware(dataDir: string, siteTopics: readonly TopicRule[]): Connect.NextHandleFunction {
  const root = resolve(dataDir);
  const load = datasetLoader(dataDir, siteTopics);
  const search = searchServer(load);
  return (req, res, next) => {
    const url = req.url?.split('?')[0] ?? '';
    const feed = /^\/feeds\/([a-z0-9-]+)\.(xml|json)$/.exec(url);
    if (feed) {
      const dataset = load();
      const spec =
        dataset && feedSpecs(dataset.papers, dataset.index.topics).find((s) => s.id === feed[1]);
      if (!dataset || !spec) return next();
      const siteUrl = `http://${req.headers.host ?? 'localhost'}`;
      const options = { siteUrl, generatedAt: dataset.generatedAt };
      res.setHeader(
        'Content-Type',
        feed[2] === 'xml'
          ? 'application/atom+xml; charset=utf-8'
          : 'application/feed+json; charset=utf-8',
      );
      res.end(feed[2] === 'xml' ? toAtom(spec, options) : toJsonFeed(spec, options));
      return;
    }
    if (!url.startsWith('/data/')) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(url.slice('/data/'.length));
    } catch {
      return badRequest(res, url);
    }
    if (relative.startsWith('search/') && search(relative, req, res)) return;
    const file = resolve(root, relative);
    if (
      !isPublished(relative) ||
      !file.startsWith(root + sep) ||
      !existsSync(file) ||
      !statSync(file).isFile()
    ) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`not found: ${url}`);
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    // With site topics, the index and the days are served with them applied.
    const day = /^days\/(\d{4}-\d{2}-\d{2})\.json$/.exec(relative);
    const dataset = siteTopics.length && (relative === 'index.json' || day) ? load() : null;
    if (dataset) {
      if (day) return res.end(dayFileOf(day[1]!, dataset.days.get(day[1]!) ?? [], dataset.index));
      return res.end(`${JSON.stringify(dataset.index)}\n`);
    }
    createReadStream(file).pipe(res);
  };
}

/**
 * The Content-Security-Policy of the built app: scripts, styles, data and workers only from the
 * app's own origin, no inline scripts, no plugins, no framing. React sets styles through the
 * CSSOM, which CSP does not block, so no 'unsafe-inline' is needed for styles either.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The site URL the published feeds link to, and a warning when none was set. */
export function feedSiteUrl(siteUrl: string | undefined): { url: string; warning?: string } {
  const url = siteUrl?.trim();
  if (url) return { url: url.replace(/\/$/, '') };
  return {
    url: 'http://localhost:4173',
    warning:
      'PAPERBOY_SITE_URL is not set: the feeds in dist/feeds link to http://localhost:4173, which readers elsewhere cannot open. Build with PAPERBOY_SITE_URL=https://your.site npm run build before publishing.',
  };
}

/**
 * The headers a host should send with every page: the policy with `frame-ancestors` (which a
 * meta tag cannot carry), so no other site can frame the app. `vite preview` sends them; the
 * build writes them to dist/_headers for hosts that read one (Netlify, Cloudflare Pages).
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The worker's cache rules (src/sw-caches.ts), as source: each function stands alone. */
const swCacheRules = () =>
  [cachesToDelete, shellNeedsRemaking, isMisservedAsset]
    .map((rule) => rule.toString())
    .join('\n\n');

/** The headers that only mean something on a page (or a script), not on a data file. */
const DOCUMENT_ONLY = new Set(['Content-Security-Policy', 'X-Frame-Options']);

/** dist/_headers: every path gets the security headers. */
export const headersFile = () =>
  `/*\n${Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `  ${name}: ${value}`)
    .join('\n')}\n`;

export function paperboyData({ dataDir, siteUrl, siteTopics = [] }: DataPluginOptions): Plugin {
  let outDir = 'dist';
  let building = false;
  return {
    name: 'paperboy-data',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      building = config.command === 'build';
    },
    // The service worker: the template with this build's files as the app shell. After Vite's
    // own pass, which adds index.html to the bundle.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const files = Object.keys(bundle).filter(
          (name) => !name.endsWith('.map') && name !== 'sw.js' && name !== 'index.html',
        );
        const shell = ['/', '/index.html', '/favicon.svg', ...files.map((f) => `/${f}`)];
        const build = fingerprint(files.sort().join('|'));
        const template = readFileSync(resolve('src/sw-template.js'), 'utf8');
        this.emitFile({
          type: 'asset',
          fileName: 'sw.js',
          source: template
            .replace("'__BUILD__'", JSON.stringify(build))
            .replace('__SHELL__', JSON.stringify(shell))
            .replace('/* __CACHE_RULES__ */', swCacheRules()),
        });
        // The page names its build, so it can tell a worker of a newer one
        // (src/lib/service-worker.ts).
        const page = bundle['index.html'];
        const charset = '<meta charset="UTF-8" />';
        if (
          page?.type === 'asset' &&
          typeof page.source === 'string' &&
          page.source.includes(charset)
        )
          page.source = page.source.replace(
            charset,
            `${charset}\n    <meta name="paperboy-build" content="${build}" />`,
          );
        else
          this.warn(
            `index.html has no ${charset} to put the build after: open tabs will not offer a new version. Keep that tag in index.html.`,
          );
      },
    },
    configureServer(server) {
      server.middlewares.use(rejectBadUrls());
      server.middlewares.use(middleware(dataDir, siteTopics));
    },
    configurePreviewServer(server) {
      server.middlewares.use(rejectBadUrls());
      server.middlewares.use((req, res, next) => {
        // Data files are fetched, never shown as pages or run: the page's policy and the
        // framing rule say nothing there, and would add 370 bytes to each of the hundreds of
        // small files an All-days search fetches.
        const data = req.url?.startsWith('/data/') === true;
        for (const [name, value] of Object.entries(SECURITY_HEADERS))
          if (!data || !DOCUMENT_ONLY.has(name)) res.setHeader(name, value);
        next();
      });
      server.middlewares.use(middleware(dataDir, siteTopics));
    },
    // The built page carries the policy itself, for static hosts that set no headers.
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // The index and the newest day (the first screen) are fetched as soon as the page
        // starts, in parallel. Injected here, after Vite's own HTML pass, which would otherwise
        // copy data/index.json into assets/ under a hashed name the app never fetches.
        const newest = newestDay(dataDir);
        const tags = ['/data/index.json', ...(newest ? [`/data/days/${newest}.json`] : [])].map(
          (href) => ({
            tag: 'link',
            attrs: { rel: 'preload', href, as: 'fetch', crossorigin: 'anonymous' },
            injectTo: 'head' as const,
          }),
        );
        if (ctx.server) return { html, tags };
        return {
          html: html.replace(
            '<meta charset="UTF-8" />',
            `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
          ),
          tags,
        };
      },
    },
    closeBundle() {
      // A dev server (and Vitest, with its placeholder outDir) calls this on close: only a
      // build publishes the data and feeds.
      if (!building) return;
      writeFileSync(join(outDir, '_headers'), headersFile());
      const root = resolve(dataDir);
      if (!existsSync(join(root, 'index.json'))) {
        this.warn(
          `no dataset at ${root}/index.json: the build will show an empty-dataset message. Run npm run ingest first.`,
        );
        return;
      }
      mkdirSync(join(outDir, 'data'), { recursive: true });
      copyFileSync(join(root, 'index.json'), join(outDir, 'data', 'index.json'));
      for (const folder of ['days', 'similar']) {
        if (!existsSync(join(root, folder))) continue;
        mkdirSync(join(outDir, 'data', folder), { recursive: true });
        for (const name of readdirSync(join(root, folder)))
          if (isPublished(`${folder}/${name}`))
            copyFileSync(join(root, folder, name), join(outDir, 'data', folder, name));
      }
      const dataset = datasetLoader(dataDir, siteTopics)();
      if (!dataset) return;
      if (siteTopics.length) {
        writeFileSync(join(outDir, 'data', 'index.json'), `${JSON.stringify(dataset.index)}\n`);
        for (const [date, papers] of dataset.days)
          writeFileSync(
            join(outDir, 'data', 'days', `${date}.json`),
            dayFileOf(date, papers, dataset.index),
          );
      }
      writeSearchIndex(join(outDir, 'data'), buildShardIndex(dataset.days, dataset.index.version));
      mkdirSync(join(outDir, 'feeds'), { recursive: true });
      const site = feedSiteUrl(siteUrl);
      if (site.warning) this.warn(site.warning);
      const options = { siteUrl: site.url, generatedAt: dataset.generatedAt };
      for (const spec of feedSpecs(dataset.papers, dataset.index.topics)) {
        writeFileSync(join(outDir, 'feeds', `${spec.id}.xml`), toAtom(spec, options));
        writeFileSync(join(outDir, 'feeds', `${spec.id}.json`), toJsonFeed(spec, options));
      }
    },
  };
}
