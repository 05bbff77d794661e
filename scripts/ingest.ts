// Entry point of `npm run ingest`; the work is in src/runs/.
import { runIngestCli } from '../src/runs/cli.ts';

process.exitCode = await runIngestCli(process.argv.slice(2));
