// Lint, including the dependency direction between workspaces:
//   protocol ← netmodel; protocol ← lessons; protocol ← lab ← bridge; protocol, netmodel, lessons ← web; lessons ← bridge (tests);
//   appframe (depends on nothing) ← lab, web.   Nothing in packages/ imports from apps/.
// Only the bridge and the lab engine open sockets (node:net); browser code sees no node:* at all.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const pkg = (name) => ({ group: [`@socket-playground/${name}`, `@socket-playground/${name}/*`], message: `must not depend on ${name}` });
const appsPath = { group: ['**/apps/**', '../../apps/*'], message: 'packages/ must not import from apps/' };
const nodeBuiltins = { group: ['node:*'], message: 'browser/isomorphic code must not use Node built-ins' };
const sockets = {
  group: ['node:net', 'net', 'node:dgram', 'dgram', 'node:tls', 'tls'],
  message: 'only packages/lab and apps/bridge open sockets',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default defineConfig(
  { ignores: ['dist/**', '**/node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['packages/protocol/**'], rules: restrict(pkg('lab'), pkg('bridge'), pkg('web'), appsPath, nodeBuiltins) },
  { files: ['packages/appframe/**'], rules: restrict(pkg('protocol'), pkg('netmodel'), pkg('lessons'), pkg('lab'), pkg('bridge'), pkg('web'), appsPath, nodeBuiltins) },
  { files: ['packages/netmodel/**'], rules: restrict(pkg('lab'), pkg('bridge'), pkg('web'), appsPath, nodeBuiltins) },
  { files: ['packages/lessons/**'], rules: restrict(pkg('lab'), pkg('bridge'), pkg('web'), pkg('netmodel'), appsPath, nodeBuiltins) },
  { files: ['packages/lab/**'], rules: restrict(pkg('bridge'), pkg('web'), appsPath) },
  { files: ['apps/bridge/**'], rules: restrict(pkg('web')) },
  {
    files: ['apps/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(pkg('lab'), pkg('bridge'), nodeBuiltins, sockets, { group: ['ws', 'express'], message: 'server-only' }),
  },
);
