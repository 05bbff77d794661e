// Entry point of `npm run ingest`; the work is in src/runs/.
import { enableModuleCache } from '../src/lib/module-cache.ts';

enableModuleCache(`${import.meta.dirname}/..`);
const { runIngestCli } = await import('../src/runs/cli.ts');
process.exitCode = await runIngestCli(process.argv.slice(2));
