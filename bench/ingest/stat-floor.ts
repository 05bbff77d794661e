// The re-ingest floor: one `lstat` of every path an unchanged re-ingest has to look at to see that an
// ended run has not changed, and nothing else. Those paths are each run's meta.yaml (status, end time),
// the run's folder and every folder under its metrics/, params/ and tags/ (a file or folder added,
// removed or renamed moves its folder's times) and every tag file (MLflow rewrites a tag, such as the
// run's note, in place, which moves no folder's times). Metric and param files are not among them: see
// `recheckEndedRun` in src/ingest/adapters/mlflow-fs.ts. The paths are listed before the clock starts
// (a re-ingest knows them from its cache) and checked on one thread.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The folder and every folder under it, and with `files` the files too. */
function listTree(dir: string, files: boolean, out: string[]): void {
	out.push(dir);
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) listTree(join(dir, entry.name), files, out);
		else if (files) out.push(join(dir, entry.name));
	}
}

function listCheckedPaths(store: string): { runs: number; paths: string[] } {
	const paths: string[] = [];
	let runs = 0;
	for (const experiment of readdirSync(store, { withFileTypes: true })) {
		if (!experiment.isDirectory() || experiment.name.startsWith('.')) continue;
		const dir = join(store, experiment.name);
		for (const run of readdirSync(dir, { withFileTypes: true })) {
			if (!run.isDirectory() || run.name === 'tags') continue;
			const runDir = join(dir, run.name);
			runs++;
			paths.push(runDir, join(runDir, 'meta.yaml'));
			listTree(join(runDir, 'metrics'), false, paths);
			listTree(join(runDir, 'params'), false, paths);
			listTree(join(runDir, 'tags'), true, paths);
		}
	}
	return { runs, paths };
}

const { runs, paths } = listCheckedPaths(process.argv[2]!);
const started = performance.now();
for (const path of paths) lstatSync(path, { throwIfNoEntry: false });
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ runs, paths: paths.length, ms })}\n`);
