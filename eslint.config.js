/*
 * One ESLint configuration for the whole workspace, on AdonisJS's own (`@adonisjs/eslint-config`, Prettier included
 * through eslint-plugin-prettier): the backend and modules as an AdonisJS app, the shell and remotes with its Vue
 * rules, the infra scripts with the same base rules. Run `npm run lint` (and `npm run lint -- --fix`).
 */
import { configApp, GLOBAL_IGNORE_LIST, RULES_LIST } from '@adonisjs/eslint-config'
import { vue } from '@adonisjs/eslint-config/vue'
import checkFile from 'eslint-plugin-check-file'
import tseslint from 'typescript-eslint'

const FRONTEND = ['shell/**', 'remotes/**', 'infra/examples/**']

export default configApp(
  {
    name: 'IA-Solution: not linted',
    ignores: [
      ...GLOBAL_IGNORE_LIST,
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      'test-results/**',
      'backend/.adonisjs/**',
      // Written by `node ace openapi:types` from the API document.
      'shell/sdk/src/generated/**',
      'backend/types/module_permissions.ts',
      // A remote's built entry, served as a test fixture.
      'modules/platform/tests/fixtures/modules/probe/remote/**',
    ],
  },
  {
    name: 'IA-Solution: JavaScript scripts',
    files: ['**/*.{js,mjs,cjs}'],
    rules: RULES_LIST,
  },
  ...vue,
  {
    ...vue.at(-1),
    name: 'IA-Solution: Vue components',
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    name: 'IA-Solution: frontend file names',
    files: FRONTEND.map((folder) => `${folder}/*.{ts,vue}`),
    plugins: { 'check-file': checkFile },
    rules: {
      // The backend's files are snake_case (AdonisJS); the frontend's follow the Vue ecosystem, checked below.
      '@unicorn/filename-case': 'off',
      'check-file/filename-naming-convention': [
        'error',
        {
          // Components as they are: PascalCase (the /dev/ui sections are numbered: their order is their names').
          '**/src/**/!(sections)/*.vue': 'PASCAL_CASE',
          '**/src/views/dev/sections/*.vue': '[0-9][0-9]-+([a-z0-9-])',
          // A composable's file is named after the function it exports: useToast.ts.
          '**/src/**/use[A-Z]*.ts': 'use[A-Z]*([a-zA-Z0-9])',
          // Every other module: kebab-case.
          '**/src/**/!(use[A-Z]*).ts': 'KEBAB_CASE',
          // A test is named after what it tests: a component (UiButton.test.ts) or a module (money.test.ts).
          '**/tests/**/*.ts': '@([A-Z]*([a-zA-Z0-9])|use[A-Z]*([a-zA-Z0-9])|+([a-z0-9-]))',
        },
        { ignoreMiddleExtensions: true },
      ],
    },
  },
  {
    name: 'IA-Solution: tests',
    files: ['**/tests/**/*.ts'],
    rules: {
      // Tests define small components inline as fixtures: one file, several unnamed, untyped-prop components.
      'vue/one-component-per-file': 'off',
      'vue/require-prop-types': 'off',
      'vue/require-default-prop': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    name: 'IA-Solution: browser scripts',
    files: ['infra/**/*.mjs'],
    rules: {
      // Functions given to page.evaluate() run in the page and re-declare what they receive; and
      // `new Promise((resolve) => …)` sits beside node:path's resolve.
      '@typescript-eslint/no-shadow': 'off',
    },
  },
  {
    name: 'IA-Solution: rules that fight the codebase',
    files: ['**/*.{ts,vue,js,mjs,cjs}'],
    rules: {
      // Reading one field of an awaited answer in one expression, `(await getMe()).user`, is the codebase's idiom.
      '@unicorn/no-await-expression-member': 'off',
      // `value == null` tests null and undefined at once, on purpose; every other comparison is strict.
      'eqeqeq': ['error', 'always', { null: 'ignore' }],
      // Prettier wraps code; what it cannot wrap (long strings, URLs, regular expressions) stays as written.
      '@stylistic/max-len': 'off',
      '@typescript-eslint/naming-convention': [
        'error',
        // A leading underscore names a value taken only to be left unused (`const [_, second] = pair`).
        { selector: 'variable', format: ['camelCase', 'UPPER_CASE', 'PascalCase'], leadingUnderscore: 'allow' },
        { selector: 'typeLike', format: ['PascalCase'] },
        { selector: 'class', format: ['PascalCase'] },
        { selector: 'interface', format: ['PascalCase'], custom: { regex: '^I[A-Z]', match: false } },
      ],
    },
  }
)
