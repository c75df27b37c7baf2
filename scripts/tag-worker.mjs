// The tagging worker's entry (see parallel-tagger.ts): a worker thread does not inherit tsx's
// loader, so this registers it and then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./tag-worker.ts');
