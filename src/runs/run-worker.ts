// A worker thread of the read pool (`worker-pool.ts`): reads and summarises whole runs and posts back
// the outcome, transferring each packed series' buffer instead of copying it. Run by Node directly
// (type stripping), so this file and what it imports use erasable TypeScript and `.ts` imports only.
import { parentPort } from 'node:worker_threads';
import { readFsRun, type FsRunJob } from './adapters/mlflow-fs.ts';
import { transferablesOf, type PoolRequest, type PoolResponse } from './worker-pool.ts';

const port = parentPort!;

function monthOfMs(ms: number): string {
	return new Date(ms).toISOString().slice(0, 7);
}

port.on('message', async (request: PoolRequest) => {
	const { id, job, since, until } = request;
	const filter = (ms: number | null) => {
		if (ms === null) return true;
		const month = monthOfMs(ms);
		return (!since || month >= since) && (!until || month <= until);
	};
	let response: PoolResponse;
	try {
		if ((job as FsRunJob).kind !== 'mlflow-fs') throw new Error(`run-worker: unknown job kind ${(job as { kind?: unknown }).kind}`);
		const outcome = await readFsRun(job as FsRunJob, filter);
		response = { id, outcome };
	} catch (error) {
		const e = error as NodeJS.ErrnoException;
		response = { id, error: { message: String(e?.message ?? error), code: e?.code, path: e?.path } };
	}
	port.postMessage(response, 'outcome' in response ? transferablesOf(response.outcome) : []);
});
