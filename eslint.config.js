import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The pipeline's stages, lowest first (docs/architecture.md): a file may import its own stage and
 * the stages below it, never one above. `flow` is the flow and address algebra, `network` the paired
 * tunnels; `rules` is the top-level rules/ folder.
 */
const LAYERS = ['text', 'flow', 'grammar', 'ast', 'model', 'network', 'rules', 'fix', 'engine', 'format', 'cli'];
const layerFiles = (layer) => (layer === 'rules' ? ['rules/**/*.ts'] : [`src/${layer}/**/*.ts`]);
const layerImport = (layer) => (layer === 'rules' ? '(^|/)rules/' : `(^|/)${layer}/`);
const layering = LAYERS.map((layer, index) => ({
  files: layerFiles(layer),
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...LAYERS.slice(index + 1).map((above) => ({
            regex: layerImport(above),
            message: `${layer} is below ${above} in the pipeline (docs/architecture.md): move the shared code down or pass it in.`,
          })),
          // Rules read the typed AST and the model; they never parse text again.
          ...(layer === 'rules'
            ? [{ regex: '(^|/)(grammar/|ast/(parse|build|statement)(\\.js)?$|text/(lines|views|decode)(\\.js)?$)', message: 'rules never re-parse: read the AST and the model.' }]
            : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '**/*.ohm-bundle.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'performance', 'Buffer', 'setTimeout', 'clearTimeout', 'setImmediate', 'TextDecoder', 'TextEncoder', 'structuredClone', 'globalThis', 'queueMicrotask'].map(
          (name) => [name, 'readonly'],
        ),
      ),
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layering,
);
