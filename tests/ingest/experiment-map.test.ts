import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EventSpec, encodeEventFile } from '../../bench/tensorboard-writer.ts';
import { ingest } from '../../src/ingest/pipeline.ts';
import { type Digest, digestSchema } from '../../src/schemas/digest.ts';
import type { ExperimentRule } from '../../src/schemas/experiment-rule.ts';
import { put, runMeta, tempDir, testOptions, uuid, writeFsExperiment } from './helpers/stores.ts';

const T0 = Date.UTC(2026, 2, 3, 9, 0, 0) / 1000;

function lossEvents(start: number): EventSpec[] {
	return [0, 1, 2].map((step) => ({ wallTime: start + step, step, values: [{ tag: 'train_loss', simpleValue: 1 / (step + 1) }] }));
}

/** Two Lightning versions of the project `wafer-seg` and an MLflow experiment with a lesson in its note. */
function writeStores(work: string): string {
	const logger = join(work, 'stores', 'wafer-seg', 'lightning_logs');
	put(join(logger, 'version_0', 'events.out.tfevents.1772528400.gpu-01'), Buffer.from(encodeEventFile(lossEvents(T0))));
	put(join(logger, 'version_1', 'events.out.tfevents.1772532000.gpu-01'), Buffer.from(encodeEventFile(lossEvents(T0 + 3600))));
	const startMs = (T0 + 7200) * 1000;
	writeFsExperiment(
		join(work, 'stores', 'mlruns'),
		'1',
		'churn',
		[{ uuid: uuid(1), meta: runMeta(uuid(1), '1', { start_time: startMs, end_time: startMs + 1000 }) }],
		'Lesson: churn labels lag by a month.'
	);
	return join(work, 'stores');
}

function readMonth(work: string): Digest {
	return digestSchema.parse(JSON.parse(readFileSync(join(work, 'out', '2026-03.json'), 'utf8')));
}

function experimentsById(digest: Digest): Record<string, [string | null, string | undefined]> {
	return Object.fromEntries(digest.runs.map((run) => [run.id, [run.experiment, run.tags['source.experiment']]]));
}

const V0 = 'tensorboard:wafer-seg/lightning_logs/version_0';
const V1 = 'tensorboard:wafer-seg/lightning_logs/version_1';
const MLFLOW = `mlflow:${uuid(1)}`;

describe('experiment rules in an ingest', () => {
	it("renames a Lightning run's experiment, and a changed rule rewrites the runs at the next ingest", async () => {
		const work = tempDir();
		const stores = writeStores(work);
		const first: ExperimentRule[] = [
			{ path: 'stores/wafer-seg/lightning_logs/version_0', experiment: 'seg-baseline' },
			{ from: 'wafer-seg', experiment: 'wafer-segmentation' },
		];
		const report = await ingest(testOptions([stores], work, { experimentRules: first }));
		expect(report.bad).toEqual([]);
		expect(report.runsRead).toBe(3);
		expect(experimentsById(readMonth(work))).toEqual({
			[V0]: ['seg-baseline', 'wafer-seg'],
			[V1]: ['wafer-segmentation', 'wafer-seg'],
			[MLFLOW]: ['churn', undefined],
		});

		// The same rules again: nothing is read, nothing written
		const again = await ingest(testOptions([stores], work, { experimentRules: first.map((rule) => ({ ...rule })) }));
		expect([again.runsRead, again.runsReused, again.months[0]!.action]).toEqual([0, 3, 'unchanged']);

		// One rule changed: the runs are read again and the month rewritten with the new names
		const second: ExperimentRule[] = [{ from: 'wafer-seg', experiment: 'wafer-seg-v2' }];
		const changed = await ingest(testOptions([stores], work, { experimentRules: second }));
		expect([changed.runsRead, changed.months[0]!.action]).toEqual([3, 'written']);
		expect(experimentsById(readMonth(work))).toEqual({
			[V0]: ['wafer-seg-v2', 'wafer-seg'],
			[V1]: ['wafer-seg-v2', 'wafer-seg'],
			[MLFLOW]: ['churn', undefined],
		});

		// No rules at all: the digest is the one an archive without rules gets
		const none = await ingest(testOptions([stores], work));
		expect([none.runsRead, none.months[0]!.action]).toEqual([3, 'written']);
		const plain = tempDir();
		await ingest(testOptions([writeStores(plain)], plain));
		expect(readFileSync(join(work, 'out', '2026-03.json'), 'utf8')).toBe(readFileSync(join(plain, 'out', '2026-03.json'), 'utf8'));
		expect(experimentsById(readMonth(work))[V0]).toEqual(['wafer-seg', undefined]);
	});

	it("names an experiment's note lessons as its runs are named, keeping their ids", async () => {
		const work = tempDir();
		const stores = writeStores(work);
		await ingest(testOptions([stores], work));
		const before = readMonth(work).lessons.find((lesson) => lesson.origin === 'experiment-note')!;
		expect(before.experiment).toBe('churn');
		await ingest(testOptions([stores], work, { experimentRules: [{ path: 'stores/mlruns/1', experiment: 'churn-forecast' }] }));
		const digest = readMonth(work);
		const after = digest.lessons.find((lesson) => lesson.origin === 'experiment-note')!;
		expect(after).toEqual({ ...before, experiment: 'churn-forecast' });
		expect(digest.runs.find((run) => run.id === MLFLOW)).toMatchObject({ experiment: 'churn-forecast', tags: { 'source.experiment': 'churn' } });
	});
});
