// Lint that runs in `npm test` (issue 14): TypeScript's recommended rules and React's rules of hooks, so the
// hook dependency lists the UI relies on are checked, not trusted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  {
    // Plain JS files (scripts/, workers) run on Node.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', performance: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // A terminal tool matches control characters on purpose: escape sequences, NUL in map keys.
      'no-control-regex': 'off',
      // Tests match lbtop's aligned output literally; "two spaces" reads better as two spaces than as ` {2}`.
      'no-regex-spaces': 'off',
      // `_name` marks a value taken apart on purpose and dropped (a destructured field, a callback's argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
);
