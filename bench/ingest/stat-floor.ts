// The re-ingest floor: one `lstat` of every path an unchanged re-ingest has to look at to see that a
// finished run has not changed, and nothing else. Those paths are each run's meta.yaml (status, end
// time), every folder under its metrics/, params/ and tags/ (a file added, removed or renamed moves
// its folder's times) and every tag file (MLflow rewrites a tag, such as the run's note, in place,
// which moves no folder's times). Metric and param files are not among them: see
// `recheckFinishedRun` in src/runs/adapters/mlflow-fs.ts.
//
// The paths are listed before the clock starts (a re-ingest knows them from its cache). They are
// then checked on one thread, and split between two worker threads timed from when both hold their
// share, so the second figure is the system calls alone, without starting a thread. The third is the
// best a re-ingest could do with two threads: the main thread starts a second one and both take the
// next path until none are left, timed from before the second thread is created.
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

/** Checks paths in the order of a shared counter until none are left; returns how many it checked. */
function checkShared(paths: string[], counter: Int32Array): number {
	let checked = 0;
	for (let i = Atomics.add(counter, 0, 1); i < paths.length; i = Atomics.add(counter, 0, 1)) {
		lstatSync(paths[i]!, { throwIfNoEntry: false });
		checked++;
	}
	return checked;
}

if (!isMainThread) {
	const data = workerData as string[] | { paths: string[]; counter: SharedArrayBuffer };
	if (Array.isArray(data)) {
		parentPort!.postMessage('ready');
		parentPort!.once('message', () => {
			const started = performance.now();
			checkAll(data);
			parentPort!.postMessage(performance.now() - started);
		});
	} else parentPort!.postMessage(checkShared(data.paths, new Int32Array(data.counter)));
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
	// As a re-ingest would have it at best: the paths known for nothing, a second thread started at once,
	// and both taking the next path until none are left, the clock running from before the thread starts
	const counter = new SharedArrayBuffer(4);
	started = performance.now();
	const helper = new Worker(new URL(import.meta.url), { workerData: { paths, counter } });
	const helped = new Promise<number>((resolve) => helper.once('message', resolve));
	const mainChecked = checkShared(paths, new Int32Array(counter));
	const helperChecked = await helped;
	const withStartMs = performance.now() - started;
	await helper.terminate();
	process.stdout.write(`${JSON.stringify({ runs, paths: paths.length, oneThreadMs, twoThreadsMs, withStartMs, helperShare: helperChecked / (mainChecked + helperChecked) })}\n`);
}
