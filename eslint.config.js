import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test-results', 'playwright-report', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The service worker template: worker globals; __SHELL__ and the cache rules
    // (src/sw-caches.ts) are filled in by the build.
    files: ['src/sw-template.js'],
    languageOptions: {
      globals: {
        ...globals.serviceworker,
        __SHELL__: 'readonly',
        cachesToDelete: 'readonly',
        shellNeedsRemaking: 'readonly',
        isMisservedAsset: 'readonly',
      },
    },
  },
  // Imports flow one way: domain ← lib ← store ← components ← app. Each layer may import only
  // the layers before it (components/ are presentational: they never read the store).
  ...[
    {
      layer: 'domain',
      above: ['lib', 'store', 'components', 'app'],
      extra: [
        {
          group: ['react', 'react-dom', 'zustand', 'zustand/*'],
          message: 'domain/ is pure: no React or store imports.',
        },
        {
          group: ['node:*', 'fs', 'path', 'os', 'child_process'],
          message: 'domain/ is shared with the browser: no Node built-ins.',
        },
      ],
    },
    { layer: 'lib', above: ['store', 'components', 'app'], extra: [] },
    { layer: 'store', above: ['components', 'app'], extra: [] },
    {
      layer: 'components',
      above: ['store', 'app', 'lib'],
      extra: [
        {
          group: ['zustand', 'zustand/*'],
          message: 'components/ are presentational: connected components live in app/.',
        },
      ],
    },
  ].map(({ layer, above, extra }) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...extra,
            {
              group: above.flatMap((name) => [`**/${name}`, `**/${name}/*`]),
              message: `imports flow one way (domain ← lib ← store ← components ← app): ${layer}/ imports nothing from ${above.join(', ')}.`,
            },
          ],
        },
      ],
    },
  })),
);
