// Worker-thread entry: loads the TypeScript worker through tsx (worker threads do not inherit the
// main thread's tsx loader on Node 20).
import { tsImport } from 'tsx/esm/api';

await tsImport('./mammo-worker.ts', import.meta.url);
