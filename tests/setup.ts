import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy*/waitFor wait up to 1 s by default; a loaded 2-core CI machine can take longer to load
// a lazily imported page. These waits end as soon as the thing appears, so a long limit costs
// nothing when the machine is quick.
configure({ asyncUtilTimeout: 15_000 });
