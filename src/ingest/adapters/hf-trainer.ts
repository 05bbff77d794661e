// The Hugging Face Trainer's output folder (run-formats.md §12): `checkpoint-N/trainer_state.json` in
// each checkpoint, each holding the whole `log_history` up to step N, so only the highest is read. The
// training's event files are read with it, as one run: those inside the output folder (the Trainer's
// default `runs/<time>_<host>/`) and those beside it whose `args` text names this output folder.
import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BadRunError, type RunUnit, type StoreAdapter } from '../adapter.ts';
import { findLinkedOutput, listEventFiles, readTrainerRun, type TrainerSources } from './hf-trainer-run.ts';
import { CHECKPOINT_FOLDER, listCheckpoints, TRAINER_STATE_FILE } from './hf-trainer-state.ts';

/** Folder depth searched inside an output folder for the callback's event files. */
const MAX_DEPTH = 4;

/** A Trainer output folder: one training. */
export interface TrainerUnit extends RunUnit {
	sources: TrainerSources;
}

/** Event folders inside the output folder (checkpoints excepted). */
async function findInnerEventFiles(outputDir: string): Promise<string[]> {
	const files: string[] = [];
	async function visit(dir: string, depth: number): Promise<void> {
		const entries = await readdir(dir, { withFileTypes: true });
		if (depth > 0) files.push(...(await listEventFiles(dir)));
		if (depth >= MAX_DEPTH) return;
		for (const entry of entries) {
			if (entry.isDirectory() && !entry.name.startsWith('.') && !CHECKPOINT_FOLDER.test(entry.name)) await visit(join(dir, entry.name), depth + 1);
		}
	}
	await visit(outputDir, 0);
	return files.sort();
}

/** Event folders beside the output folder (its siblings and their subfolders) whose `args` name it. */
async function findLinkedEventFiles(outputDir: string): Promise<string[]> {
	const parent = dirname(outputDir);
	const files: string[] = [];
	const candidates: string[] = [];
	for (const entry of await readdir(parent, { withFileTypes: true })) {
		if (!entry.isDirectory() || entry.name.startsWith('.') || join(parent, entry.name) === outputDir) continue;
		const sibling = join(parent, entry.name);
		candidates.push(sibling);
		for (const inner of await readdir(sibling, { withFileTypes: true }).catch(() => []))
			if (inner.isDirectory() && !inner.name.startsWith('.')) candidates.push(join(sibling, inner.name));
	}
	for (const dir of candidates.sort()) {
		const inDir = await listEventFiles(dir).catch(() => [] as string[]);
		if (inDir.length > 0 && (await findLinkedOutput(dir, inDir)) === outputDir) files.push(...inDir);
	}
	return files;
}

/** A Trainer output folder: the highest checkpoint's state, with the training's event files. */
export const hfTrainerAdapter: StoreAdapter<TrainerUnit> = {
	kind: 'hf-trainer',
	async detect(path, entry) {
		if (!entry.isDirectory()) return false;
		const names = await readdir(path).catch(() => [] as string[]);
		if (!names.some((n) => CHECKPOINT_FOLDER.test(n))) return false;
		return (await listCheckpoints(path).catch(() => [])).length > 0;
	},
	async list(path) {
		const checkpoints = await listCheckpoints(path);
		if (checkpoints.length === 0) throw new BadRunError(`${path}: no checkpoint-N/${TRAINER_STATE_FILE} found`);
		const eventFiles = [...(await findInnerEventFiles(path)), ...(await findLinkedEventFiles(path))];
		const watched = [...checkpoints.map((c) => c.statePath), ...eventFiles];
		const hash = createHash('sha1');
		const times: number[] = [];
		for (const file of watched) {
			const info = await lstat(file).catch(() => null);
			hash.update(`${file}\0${info ? `${info.size}:${info.mtimeMs}` : '-'}\n`);
			if (info && file.endsWith(TRAINER_STATE_FILE)) times.push(info.mtimeMs);
		}
		const sources: TrainerSources = {
			outputDir: path,
			statePath: checkpoints[0]!.statePath,
			eventFiles,
			fileTimesMs: times.length > 0 ? { first: Math.min(...times), last: Math.max(...times) } : null,
		};
		const unit: TrainerUnit = { key: `hf-trainer:${path}`, path, fingerprint: hash.digest('base64url'), sources };
		return { units: [unit], experimentLessons: [], bad: [], warnings: [] };
	},
	async read(unit) {
		return readTrainerRun(unit.sources);
	},
};
