/**
 * npm run size [-- --max KB]: the JavaScript the first screen loads, gzipped: the entry script,
 * every module dist/index.html preloads, and every module those import statically (followed in
 * the built files, so a missing preload link cannot hide a chunk). Dynamic import()s are not
 * followed: they load later. Run after `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
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
// Static imports in minified output: `import{a as b}from"./x.js"` or `import"./x.js"`.
const STATIC_IMPORT =
  /(?:^|[;\s})])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
for (let i = 0; i < files.length; i++) {
  const file = files[i]!;
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(STATIC_IMPORT)) {
    const target = posix.normalize(posix.join(dirname(file), m[1]!));
    if (!files.includes(target)) files.push(target);
  }
}
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
