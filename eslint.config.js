import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Import boundaries from STYLE.md: lib/ is framework-free, the browser never reaches server/. */
const noFrameworkInLib = {
  patterns: [
    {
      group: ['next', 'next/*', 'react', 'react-dom', 'socket.io', 'socket.io-client', 'redis', '@socket.io/*'],
      message: 'lib/ runs in browser and Node alike: no framework imports.',
    },
    {
      group: ['**/server/**', '@/server/**', '**/app/**', '@/app/**'],
      message: 'lib/ must not depend on server/ or app/.',
    },
  ],
};

/**
 * APIs that exist only in secure contexts (https or localhost). Students open the projector's plain-http
 * LAN address, where they are undefined, so the pages and workers must not need them (shared notes,
 * classroom-network.md); copy-text.ts uses the Clipboard API where it exists and falls back.
 */
const secureContextOnly = [
  ['crypto', 'subtle', 'Undefined on plain http: hash in JavaScript (@noble/hashes).'],
  ['crypto', 'randomUUID', 'Undefined on plain http: use crypto.getRandomValues.'],
  ['navigator', 'clipboard', 'Undefined on plain http: use copyText (app/_components/copy-text.ts).'],
  ['navigator', 'serviceWorker', 'Undefined on plain http.'],
].map(([object, property, message]) => ({ object, property, message }));

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', 'dist/', 'next-env.d.ts', 'test-results/', 'playwright-report/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['lib/**/*.ts'], rules: { 'no-restricted-imports': ['error', noFrameworkInLib] } },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx', 'lib/**/*.ts'],
    ignores: ['app/_components/copy-text.ts'],
    rules: { 'no-restricted-properties': ['error', ...secureContextOnly] },
  },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '@/server/**', 'redis'], message: 'The browser never imports server/ or Redis.' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/_components/**/*.tsx', 'app/_components/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['socket.io-client', '@tensorflow/*', '**/server/**', '@/server/**'],
              message: 'Presentational components import neither socket.io-client nor tfjs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['redis', '@redis/*'], message: 'Only server/store/ knows that Redis exists.' }],
        },
      ],
    },
  },
);
