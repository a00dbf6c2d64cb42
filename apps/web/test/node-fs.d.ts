// The web app's tsconfig loads no Node types (its browser code must not see them). The unit tests
// run in Node, and svg-text-contrast.test.ts reads the stylesheets: only that one call is declared.
declare module 'node:fs' {
  export function readFileSync(path: URL, encoding: 'utf8'): string;
}
