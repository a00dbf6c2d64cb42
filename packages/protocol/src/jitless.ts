import { z } from 'zod';

/**
 * Turn off zod's compiled validators, which probe for `new Function`. The page's Content Security
 * Policy forbids eval, so in the browser the probe only produces a CSP report; the interpreted
 * validators are as correct and fast enough for the page's messages.
 */
export function runSchemasWithoutEval(): void {
  z.config({ jitless: true });
}
