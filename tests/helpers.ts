import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runIngest } from '../scripts/ingest-cli';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SEED_DIGEST = join(ROOT, 'data/raw/daily-papers-sep-19.txt');
export const CORPUS = join(ROOT, '../shared/corpus/hf-daily-papers.jsonl.gz');
export const fixture = (name: string) => join(ROOT, 'tests/fixtures', name);
export const readFixture = (name: string) => readFileSync(fixture(name), 'utf8');
export const seedText = () => readFileSync(SEED_DIGEST, 'utf8');

import { existsSync } from 'node:fs';

/** A fetch that serves `/data/*` from a dataset folder on disk, like the dev server does. */
export function fakeFetch(
  dataDir = join(ROOT, 'data'),
  overrides: Record<string, string | number> = {},
): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, 'http://localhost').pathname;
    const override = overrides[path];
    if (typeof override === 'number') return new Response('', { status: override });
    if (typeof override === 'string') return new Response(override, { status: 200 });
    if (!path.startsWith('/data/')) return new Response('', { status: 404 });
    const file = join(dataDir, path.slice('/data/'.length));
    if (!existsSync(file)) return new Response('not found', { status: 404 });
    return new Response(readFileSync(file, 'utf8'), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
}

/** An in-memory Storage, optionally refusing writes past a size (a full quota). */
export class MemoryStorage implements Storage {
  private data = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  setItem(key: string, value: string) {
    const size =
      [...this.data].reduce((s, [k, v]) => s + (k === key ? 0 : k.length + v.length), 0) +
      key.length +
      value.length;
    if (size > this.quota)
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.data.set(key, String(value));
  }
}

/** Every file under `root` with its bytes, to prove a failed command left the folder alone. */
export function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[path.slice(root.length)] = readFileSync(path, 'latin1');
    }
  };
  walk(root);
  return files;
}

/**
 * A dataset made by the ingest CLI from JSON lines, in a temporary folder: its `data` folder (for
 * fakeFetch) and a function that removes it.
 */
export function ingestLines(lines: readonly string[], name: string) {
  const dir = mkdtempSync(join(tmpdir(), `paperboy-${name}-`));
  writeFileSync(join(dir, 'day.jsonl'), lines.join('\n'));
  const code = runIngest([join(dir, 'day.jsonl'), '--out', join(dir, 'data')], {
    out: () => {},
    err: (line) => console.error(line),
  });
  if (code !== 0) throw new Error(`ingest of the ${name} lines failed (exit ${code})`);
  return { data: join(dir, 'data'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
