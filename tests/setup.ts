import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy*/waitFor wait up to 1 s by default; a loaded 2-core CI machine (another test run and a
// benchmark beside it) took over 15 s to render a day of 63 cards in jsdom, or to load
// a lazily imported page. These waits end as soon as the thing appears, so a long limit costs
// nothing when the machine is quick.
configure({ asyncUtilTimeout: 45_000 });
