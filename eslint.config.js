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
    // The service worker template: worker globals; __SHELL__ is filled in by the build.
    files: ['src/sw-template.js'],
    languageOptions: { globals: { ...globals.serviceworker, __SHELL__: 'readonly' } },
  },
  {
    // The domain layer is shared by the CLI and the app: no React, no Node built-ins.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'zustand', 'zustand/*'],
              message: 'domain/ is pure: no React or store imports.',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'domain/ is shared with the browser: no Node built-ins.',
            },
            {
              group: ['../store/*', '../components/*', '../app/*', '../lib/*'],
              message: 'imports flow one way: domain/ imports nothing above it.',
            },
          ],
        },
      ],
    },
  },
);
