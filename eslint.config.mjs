import tseslint from 'typescript-eslint';

import { builtinModules } from 'node:module';

const nodeMessage = 'src-main/common is shared with the renderer: no Node imports.';

// The architecture, enforced: common is pure, core never touches Electron, the renderer only
// borrows types from the main side and never speaks raw IPC.
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-main/common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinModules.map((name) => ({ name, message: nodeMessage })),
        patterns: [
          { group: ['node:*'], message: nodeMessage },
          { group: ['electron', 'electron/*'], message: 'src-main/common must not import electron.' },
          { group: ['../core/*', '../transport/*', '../electron/*', '../cli/*', '../server/*'], message: 'common depends on nothing else in src-main.' },
        ],
      }],
    },
  },
  {
    files: ['src-main/core/**/*.ts', 'src-main/cli/**/*.ts', 'src-main/server/**/*.ts', 'src-main/transport/**/*.ts'],
    ignores: ['src-main/transport/electron-ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['electron', 'electron/*'], message: 'Only src-main/electron may import electron; the core is shared by the CLI and web mode.' }],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          // format-bytes is plain functions with no imports, shared so the app and the CLI print sizes alike.
          { group: ['**/src-main/common/*', '!**/src-main/common/format-bytes'], allowTypeImports: true, message: 'The renderer may only `import type` from src-main/common (format-bytes excepted).' },
          { group: ['**/src-main/core/*', '**/src-main/transport/*', '**/src-main/electron/*', '**/src-main/cli/*', '**/src-main/server/*'], message: 'The renderer talks to the core only through the API client.' },
          { group: ['electron', 'electron/*', 'node:*'], message: 'The renderer is a web page: no electron, no Node.' },
        ],
      }],
    },
  },
);
