import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A writable copy of the embedded dataset for tests that ingest a new day while the app runs. */
export const E2E_DATA = join(process.cwd(), '.e2e-data');

export default function globalSetup() {
  rmSync(E2E_DATA, { recursive: true, force: true });
  cpSync(join(process.cwd(), 'data'), E2E_DATA, { recursive: true });
}
