// Lint: typescript-eslint's recommended rules (syntax only: fast, no type information) and
// eslint-plugin-lit's rules for html`` templates. Formatting is prettier's job, not the linter's.
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';

export default tseslint.config(
  { ignores: ['dist/', 'dist-demo/', '.demo/', '.tmp/', 'tmp/', 'coverage/', 'node_modules/', 'public/'] },
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // tests and benchmarks read untyped JSON and page globals
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // chai's property assertions (`expect(x).to.exist`) are expressions by design
    files: ['test/browser/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
