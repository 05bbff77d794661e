// The re-ingest floor: one `lstat` of every path an unchanged re-ingest has to look at to see that a
// finished run has not changed, and nothing else. Those paths are each run's meta.yaml (status, end
// time), every folder under its metrics/, params/ and tags/ (a file added, removed or renamed moves
// its folder's times) and every tag file (MLflow rewrites a tag, such as the run's note, in place,
// which moves no folder's times). Metric and param files are not among them: see
// `recheckFinishedRun` in src/runs/adapters/mlflow-fs.ts.
//
// The paths are listed before the clock starts (a re-ingest knows them from its cache). They are
// then checked on one thread, and split between two worker threads timed from when both hold their
// share, so the second figure is the system calls alone, without starting a thread.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

function checkAll(paths: string[]): number {
	let found = 0;
	for (const path of paths) if (lstatSync(path, { throwIfNoEntry: false }) !== undefined) found++;
	return found;
}

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
			paths.push(join(runDir, 'meta.yaml'));
			listTree(join(runDir, 'metrics'), false, paths);
			listTree(join(runDir, 'params'), false, paths);
			listTree(join(runDir, 'tags'), true, paths);
		}
	}
	return { runs, paths };
}

if (!isMainThread) {
	parentPort!.postMessage('ready');
	parentPort!.once('message', () => {
		const started = performance.now();
		checkAll(workerData as string[]);
		parentPort!.postMessage(performance.now() - started);
	});
} else {
	const { runs, paths } = listCheckedPaths(process.argv[2]!);
	let started = performance.now();
	checkAll(paths);
	const oneThreadMs = performance.now() - started;
	const half = Math.ceil(paths.length / 2);
	const workers = [paths.slice(0, half), paths.slice(half)].map((share) => new Worker(new URL(import.meta.url), { workerData: share }));
	await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
	started = performance.now();
	const done = workers.map((worker) => new Promise((resolve) => worker.once('message', resolve)));
	for (const worker of workers) worker.postMessage('go');
	await Promise.all(done);
	const twoThreadsMs = performance.now() - started;
	await Promise.all(workers.map((worker) => worker.terminate()));
	process.stdout.write(`${JSON.stringify({ runs, paths: paths.length, oneThreadMs, twoThreadsMs })}\n`);
}
