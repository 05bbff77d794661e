// A worker thread of the read pool (`worker-pool.ts`): reads and summarises whole runs and posts back
// the outcome, each run already checked and written as its digest text (`renderOutcome`). Run by Node directly
// (type stripping), so this file and what it imports use erasable TypeScript and `.ts` imports only.
import { parentPort } from 'node:worker_threads';
import { readFsRun, type FsRunJob } from './adapters/mlflow-fs.ts';
import { renderOutcome, type PoolRequest, type PoolResponse } from './worker-pool.ts';

const port = parentPort!;
// Answers go back in batches, one message per turn of the event loop: a message costs far more than
// its size, and a worker answers a queue of requests in one go
let answers: PoolResponse[] = [];
// The runs' texts go by transfer, not copied
let transfers: ArrayBuffer[] = [];
function postAnswers(): void {
	port.postMessage(answers, transfers);
	answers = [];
	transfers = [];
}

function monthOfMs(ms: number): string {
	return new Date(ms).toISOString().slice(0, 7);
}

port.on('message', async (request: PoolRequest) => {
	const { id, job, since, until, stale } = request;
	const filter = (ms: number | null) => {
		if (ms === null) return true;
		const month = monthOfMs(ms);
		return (!since || month >= since) && (!until || month <= until);
	};
	let response: PoolResponse;
	try {
		if ((job as FsRunJob).kind !== 'mlflow-fs') throw new Error(`run-worker: unknown job kind ${(job as { kind?: unknown }).kind}`);
		const outcome = await readFsRun(job as FsRunJob, filter);
		const text = renderOutcome(outcome, stale);
		if (text) transfers.push(text);
		response = { id, outcome };
	} catch (error) {
		const e = error as NodeJS.ErrnoException;
		response = { id, error: { message: String(e?.message ?? error), code: e?.code, path: e?.path } };
	}
	if (answers.push(response) === 1) setImmediate(postAnswers);
});
