// ESLint (typescript-eslint) for the whole repository; formatting is Prettier's (eslint-config-prettier turns
// ESLint's formatting rules off). `npm run lint` runs tsc, this, Prettier's check and the dependency rules.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'apps/console/test/artifacts/**',
      'var/**',
      'bench/.uploads/**',
      // Generated; their drift tests compare them with what the generators give now.
      'libs/database/src/sql/schema.ts',
      'apps/console/src/lib/api-types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_` marks a parameter or binding kept on purpose (a callback's position, a destructured field left out).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Nest's decorators and TypeORM's entities declare classes with only a constructor or only fields.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // One typed way to write SQL (docs/architecture.md#data-access): Kysely through Db, never a raw `.query(`
    // (the bridge itself, libs/database/src/sql/typeorm-dialect.ts, is the one place that calls TypeORM's).
    // On for every library but the bridge, the seed included, and for the realtime gateway. duplicates.service.ts hands the duplicate search (candidate-search.ts, measured in
    // bench/FINDINGS.md F11 and shared with its EXPLAIN test and bench) a plain `Sql` function.
    files: ['libs/*/src/**/*.ts', 'apps/api/src/realtime/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/duplicates/src/duplicates.service.ts', 'libs/database/src/sql/typeorm-dialect.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message:
            'Write SQL with Kysely through Db (this.db.kysely, fromManager, transaction; docs/architecture.md#data-access).',
        },
      ],
    },
  },
  {
    // Tests read loosely typed bodies (supertest's `any`) and build odd input on purpose.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
