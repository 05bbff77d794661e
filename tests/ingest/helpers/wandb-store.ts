// Small W&B run folders written by tests: a `.wandb` log (through the project's writer) and optional run files.
import { join } from 'node:path';
import { type WandbRecordInput, wandbJson, writeWandbLog } from '../../../bench/wandb-log-writer.ts';
import { put } from './stores.ts';

export const T0 = Date.parse('2026-03-02T09:00:00Z');

/** History rows as W&B logs them: `_step`, `_runtime`, `_timestamp` (seconds) and the values. */
export function historyRows(values: Record<string, number>[], startMs = T0, stepMs = 1000): WandbRecordInput[] {
	return values.map((row, step) => ({
		history: [
			...Object.entries(row).map(([key, value]) => ({ key, json: wandbJson(value) })),
			{ key: '_step', json: String(step) },
			{ key: '_runtime', json: String((step + 1) * (stepMs / 1000)) },
			{ key: '_timestamp', json: String((startMs + (step + 1) * stepMs) / 1000) },
		],
		step,
	}));
}

/** A finished offline run's records: run record with config, history, summary, exit. */
export function offlineRunRecords(
	runId: string,
	options: { rows?: Record<string, number>[]; exitCode?: number; notes?: string; tags?: string[]; project?: string } = {}
): WandbRecordInput[] {
	const rows = options.rows ?? [
		{ 'train/loss': 0.9, 'val/acc': 0.5 },
		{ 'train/loss': 0.6, 'val/acc': 0.7 },
		{ 'train/loss': 0.4, 'val/acc': 0.8 },
	];
	const last = rows[rows.length - 1]!;
	return [
		{
			run: {
				runId,
				project: options.project ?? 'wafer-defects',
				displayName: `${runId}-name`,
				startMs: T0,
				group: 'sweep-a',
				jobType: 'train',
				notes: options.notes,
				tags: options.tags,
				git: { remoteUrl: 'https://git.example/lumen.git', commit: 'abc1234' },
				config: [
					{ key: 'optimizer', json: '{"lr": 0.001, "name": "adamw"}' },
					{ key: 'epochs', json: '3' },
					{ key: '_wandb', json: '{"cli_version": "0.23.0"}' },
				],
			},
		},
		{ telemetry: { cliVersion: '0.23.0', pythonVersion: '3.12.1' } },
		{ environment: { username: 'amara', host: 'gpu-3', startMs: T0 } },
		{ output: 'epoch 1' },
		...historyRows(rows),
		{ summary: [...Object.entries(last).map(([key, value]) => ({ key, json: wandbJson(value) })), { key: '_step', json: String(rows.length - 1) }] },
		...(options.exitCode === undefined ? [] : [{ exit: { exitCode: options.exitCode, runtime: rows.length } }]),
	];
}

/** Writes `<root>/<folder>/run-<id>.wandb` and returns the log's path. */
export function writeRunFolder(root: string, folder: string, runId: string, records: WandbRecordInput[] | Uint8Array): string {
	const path = join(root, folder, `run-${runId}.wandb`);
	put(path, Buffer.from(records instanceof Uint8Array ? records : writeWandbLog(records)));
	return path;
}
