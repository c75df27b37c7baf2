/**
 * npm run size [-- --max KB]: the JavaScript the first screen loads, gzipped: the entry script
 * and every module it preloads, as listed in dist/index.html. Run after `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(process.cwd(), 'dist');
const html = join(dist, 'index.html');
if (!existsSync(html)) {
  console.error('size: dist/index.html is missing; run npm run build first');
  process.exit(1);
}
const page = readFileSync(html, 'utf8');
const files = [
  ...page.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g),
].map((m) => m[1]!);
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
console.log(
  `${(total / 1024).toFixed(1).padStart(7)} KB  initial JavaScript, gzipped (${files.length} files)`,
);
const maxArg = process.argv.indexOf('--max');
const max = maxArg > 0 ? Number(process.argv[maxArg + 1]) : NaN;
if (Number.isFinite(max) && total / 1024 > max) {
  console.error(
    `size: the first screen loads ${(total / 1024).toFixed(1)} KB of JavaScript, over the ${max} KB budget. Lazy-load what the first screen does not need.`,
  );
  process.exit(1);
}
