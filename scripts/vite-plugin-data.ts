/**
 * Serves the dataset folder at /data/ in dev and preview, and copies it into the build, so the
 * app always fetches the same URLs whether it runs from `npm start`, `vite preview` or static
 * hosting. Only index.json and days/*.json are published; raw digests stay in the repository.
 */
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  copyFileSync,
  statSync,
} from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Connect, Plugin } from 'vite';

export interface DataPluginOptions {
  dataDir: string;
}

function isPublished(relative: string): boolean {
  return relative === 'index.json' || /^days\/\d{4}-\d{2}-\d{2}\.json$/.test(relative);
}

function middleware(dataDir: string): Connect.NextHandleFunction {
  const root = resolve(dataDir);
  return (req, res, next) => {
    const url = req.url?.split('?')[0] ?? '';
    if (!url.startsWith('/data/')) return next();
    const relative = decodeURIComponent(url.slice('/data/'.length));
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
    createReadStream(file).pipe(res);
  };
}

export function paperboyData({ dataDir }: DataPluginOptions): Plugin {
  let outDir = 'dist';
  return {
    name: 'paperboy-data',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(middleware(dataDir));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(dataDir));
    },
    closeBundle() {
      const root = resolve(dataDir);
      if (!existsSync(join(root, 'index.json'))) {
        this.warn(
          `no dataset at ${root}/index.json: the build will show an empty-dataset message. Run npm run ingest first.`,
        );
        return;
      }
      mkdirSync(join(outDir, 'data', 'days'), { recursive: true });
      copyFileSync(join(root, 'index.json'), join(outDir, 'data', 'index.json'));
      for (const name of readdirSync(join(root, 'days')))
        if (isPublished(`days/${name}`))
          copyFileSync(join(root, 'days', name), join(outDir, 'data', 'days', name));
    },
  };
}
