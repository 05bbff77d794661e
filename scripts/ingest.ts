// Entry point of `npm run ingest`; the work is in src/ingest/.
import { runIngestCli } from '../src/ingest/cli.ts';

process.exitCode = await runIngestCli(process.argv.slice(2));
