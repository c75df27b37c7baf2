import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SEED_DIGEST = join(ROOT, 'data/raw/daily-papers-sep-19.txt');
export const CORPUS = join(ROOT, '../shared/corpus/hf-daily-papers.jsonl.gz');
export const fixture = (name: string) => join(ROOT, 'tests/fixtures', name);
export const readFixture = (name: string) => readFileSync(fixture(name), 'utf8');
export const seedText = () => readFileSync(SEED_DIGEST, 'utf8');
