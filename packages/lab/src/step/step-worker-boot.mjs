// Worker threads do not honour `--import tsx` in execArgv, so the step worker starts here:
// plain JavaScript that asks tsx to load the TypeScript program.
import { tsImport } from 'tsx/esm/api';

await tsImport('./step-worker.ts', import.meta.url);
