// One lint config for the whole repo. Type-aware rules run on TypeScript only;
// the import rules enforce the package and layer boundaries in ARCHITECTURE.md.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';

/** The control plane's feature modules: one folder each under `src/modules`. */
const CONTROL_PLANE = 'apps/control-plane/src';
const FEATURE_MODULES = readdirSync(new URL(`${CONTROL_PLANE}/modules`, `${import.meta.url}/`), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/generated/**',
      '**/next-env.d.ts',
      '.tools/**',
      '.data/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] }),
      ],
      'import-x/ignore': ['node_modules'],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-console': 'error',
    },
  },
  {
    // The protocol runs in browsers and customer apps: zod only.
    files: ['packages/protocol/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(?!zod$|\\.)', message: 'packages/protocol depends on zod only' }],
        },
      ],
    },
  },
  {
    // What the console's browser code imports from the protocol at run time stays zod-free, so
    // its first-load JavaScript carries no zod (pnpm bench:bundle reports any chunk that does).
    files: [
      'packages/protocol/src/rest/values/**/*.ts',
      'packages/protocol/src/rest/access.ts',
      'packages/protocol/src/executor/workflow-statuses.ts',
      'packages/protocol/src/app-error.ts',
      'packages/protocol/src/errors.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.)',
              allowTypeImports: true,
              message: 'zod-free module: the console imports it into the browser (types only)',
            },
          ],
        },
      ],
    },
  },
  {
    // The SDK never depends on the control plane, the console or Prisma.
    files: ['packages/sdk/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@podium/(control-plane|console|db)|@prisma/|prisma)',
              message: 'the SDK must not depend on apps or Prisma',
            },
          ],
        },
      ],
    },
  },
  {
    // The console talks to the control plane over HTTP only.
    files: ['apps/console/**/*.{ts,tsx,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@podium/(control-plane|db|sdk)|@prisma/|prisma)',
              message: 'the console depends on @podium/protocol only',
            },
            {
              // The browser bundle must not carry the executor protocol's schemas.
              regex: '^@podium/protocol$',
              message: 'the console imports @podium/protocol/rest (REST shapes and errors) only',
            },
          ],
        },
      ],
    },
  },
  {
    // @podium/db is the database package: apps use it, never the reverse.
    files: ['prisma/**/*.{ts,mts,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@podium/(?!db(/|$))|(\\.\\./)+apps/)',
              message: '@podium/db never imports the apps (or other workspace packages)',
            },
          ],
        },
      ],
    },
  },
  {
    // The control plane uses the SDK only in its end-to-end tests (test/e2e), never the console.
    files: [`${CONTROL_PLANE}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@podium/(console|sdk)(/|$)',
              message: 'the control plane depends on @podium/protocol and @podium/db only',
            },
          ],
        },
      ],
    },
  },
  {
    // The control plane's layers: controller | gateway → service → repository → Prisma.
    // Tests may reach past them to arrange and inspect state.
    files: [`${CONTROL_PLANE}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@podium/db',
              allowImportNames: ['DatabaseTarget'],
              message:
                'Prisma (the client, its types and enums) is for *.repository.ts and infra/database only; take Role and other shapes from @podium/protocol.',
            },
          ],
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            ...FEATURE_MODULES.map((name) => ({
              target: `${CONTROL_PLANE}/modules/${name}/**/*`,
              from: `${CONTROL_PLANE}/modules/!(${name})/**/*.repository.ts`,
              message: 'Reach another module through its service, never its repository.',
            })),
            {
              target: `${CONTROL_PLANE}/!(modules)/**/*`,
              from: `${CONTROL_PLANE}/modules/**/*.repository.ts`,
              message: 'A repository belongs to its module: ask the module service instead.',
            },
            {
              target: `${CONTROL_PLANE}/common/**/*`,
              from: `${CONTROL_PLANE}/modules/**/*`,
              message: 'common/ is plumbing below every feature module: it never imports one.',
            },
          ],
        },
      ],
    },
  },
  {
    // The two places that may use Prisma.
    files: [`${CONTROL_PLANE}/**/*.repository.ts`, `${CONTROL_PLANE}/infra/database/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'bench/**', 'scripts/**', '**/e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
