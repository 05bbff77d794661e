// Expected values for the real W&B run folders, worked out without the code under test: a deliberately
// plain reader of the `.wandb` log (framing walked chunk by chunk, records picked apart with the wire
// reader by the field numbers of run-formats.md §3.7) and of the JSON and YAML run files, applying W&B's
// own rules: exit code 0 finished, 254 crashed, other failed; end = start + exit runtime; the summary's
// value is a metric's final (its `last` when it is a map of statistics), else the last logged value.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { parse } from 'yaml';

export interface ExpectedWandbRun {
	runId: string;
	/** W&B's state: finished, failed, crashed; null when the log holds no exit record. */
	state: 'finished' | 'failed' | 'crashed' | null;
	exitCode: number | null;
	startedAt: string;
	endedAt: string | null;
	project: string;
	params: Record<string, unknown>;
	/** Per history key (and summary-only key): how many numeric points, and the final value. */
	metrics: Record<string, { count: number; final: number }>;
	historyRows: number;
	/** Chunks whose checksum did not match (IEEE CRC-32 over type and payload). */
	badChunks: number;
}

/** Splits a log into record payloads, counting bad checksums; stops where the file ends mid-chunk. */
function records(bytes: Buffer): { payloads: Buffer[]; badChunks: number } {
	const payloads: Buffer[] = [];
	let pending: Buffer[] = [];
	let badChunks = 0;
	let pos = 7;
	while (pos + 7 <= bytes.length) {
		const room = 32768 - (pos % 32768);
		if (room < 7) {
			pos += room;
			continue;
		}
		const length = bytes.readUInt16LE(pos + 4);
		const type = bytes[pos + 6]!;
		if (pos + 7 + length > bytes.length) break;
		const payload = bytes.subarray(pos + 7, pos + 7 + length);
		if (crc32(Buffer.concat([Buffer.of(type), payload])) !== bytes.readUInt32LE(pos)) badChunks++;
		if (type === 1) payloads.push(payload);
		else if (type === 2) pending = [payload];
		else if (type === 3) pending.push(payload);
		else if (type === 4) payloads.push(Buffer.concat([...pending, payload]));
		pos += 7 + length;
	}
	return { payloads, badChunks };
}

/** Every field of a message: number → list of raw values (bytes for length-delimited, numbers for varints). */
function fields(bytes: Uint8Array): Map<number, (Uint8Array | number)[]> {
	const out = new Map<number, (Uint8Array | number)[]>();
	const r = new BinaryReader(bytes);
	while (r.pos < r.len) {
		const [no, wire] = r.tag();
		let value: Uint8Array | number = 0;
		if (wire === 2) value = r.bytes();
		else if (wire === 0) value = Number(r.int64());
		else r.skip(wire);
		out.set(no, [...(out.get(no) ?? []), value]);
	}
	return out;
}

const text = (v: Uint8Array | number | undefined) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : '');
const num = (v: Uint8Array | number | undefined) => (typeof v === 'number' ? v : 0);

/** Python's json.loads, which takes bare NaN and Infinity. */
function pyJson(s: string): unknown {
	return JSON.parse(
		s
			.replace(/\bNaN\b/g, '"NaN"')
			.replace(/-Infinity\b/g, '"-Infinity"')
			.replace(/(?<!")Infinity\b/g, '"Infinity"')
	);
}
function asNumber(v: unknown): number | null {
	if (typeof v === 'number') return v;
	if (v === 'NaN') return NaN;
	if (v === 'Infinity') return Infinity;
	if (v === '-Infinity') return -Infinity;
	return null;
}

function item(bytes: Uint8Array): { key: string; value: unknown } {
	const f = fields(bytes);
	const nested = (f.get(2) ?? []).map(text);
	return { key: nested.length ? nested.join('.') : text(f.get(1)?.[0]), value: pyJson(text(f.get(16)?.[0])) };
}

function flatten(tree: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
	for (const [k, v] of Object.entries(tree)) {
		const name = prefix ? `${prefix}.${k}` : k;
		if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) flatten(v as Record<string, unknown>, name, out);
		else out[name] = v;
	}
	return out;
}

/** Each run folder of a W&B store that holds a log, read the plain way. */
export function expectedWandbRuns(store: string): ExpectedWandbRun[] {
	const runs: ExpectedWandbRun[] = [];
	for (const folder of readdirSync(store)
		.filter((n) => /^(offline-)?run-\d{8}_\d{6}-/.test(n))
		.sort()) {
		const dir = join(store, folder);
		const log = readdirSync(dir).find((n) => /^run-.+\.wandb$/.test(n));
		if (!log) continue;
		const { payloads, badChunks } = records(readFileSync(join(dir, log)));
		let runId = '';
		let project = '';
		let startMs = 0;
		let exit: { code: number; runtime: number } | null = null;
		const config: Record<string, unknown> = {};
		const summary: Record<string, unknown> = {};
		const history = new Map<string, number[]>();
		let historyRows = 0;
		for (const payload of payloads) {
			const record = fields(payload);
			const run = record.get(17)?.[0];
			if (run instanceof Uint8Array) {
				const f = fields(run);
				runId ||= text(f.get(1)?.[0]);
				project ||= text(f.get(3)?.[0]);
				const start = f.get(17)?.[0];
				if (start instanceof Uint8Array && !startMs) {
					const t = fields(start);
					startMs = num(t.get(1)?.[0]) * 1000 + Math.floor(num(t.get(2)?.[0]) / 1e6);
				}
				const cfg = f.get(4)?.[0];
				if (cfg instanceof Uint8Array)
					for (const u of fields(cfg).get(1) ?? []) Object.assign(config, { [item(u as Uint8Array).key]: item(u as Uint8Array).value });
			}
			const cfg = record.get(5)?.[0];
			if (cfg instanceof Uint8Array) for (const u of fields(cfg).get(1) ?? []) config[item(u as Uint8Array).key] = item(u as Uint8Array).value;
			const sum = record.get(3)?.[0];
			if (sum instanceof Uint8Array) for (const u of fields(sum).get(1) ?? []) summary[item(u as Uint8Array).key] = item(u as Uint8Array).value;
			const ex = record.get(18)?.[0];
			if (ex instanceof Uint8Array) {
				const f = fields(ex);
				exit = { code: num(f.get(1)?.[0]), runtime: num(f.get(2)?.[0]) };
			}
			const hist = record.get(2)?.[0];
			if (hist instanceof Uint8Array) {
				historyRows++;
				for (const u of fields(hist).get(1) ?? []) {
					const { key, value } = item(u as Uint8Array);
					const n = asNumber(value);
					if (!key.startsWith('_') && n !== null) history.set(key, [...(history.get(key) ?? []), n]);
				}
			}
		}
		// Run files, where the run wrote them, hold the final config and summary
		const configPath = join(dir, 'files', 'config.yaml');
		let params: Record<string, unknown>;
		if (existsSync(configPath)) {
			const raw = parse(readFileSync(configPath, 'utf8')) as Record<string, { value: unknown }>;
			params = flatten(
				Object.fromEntries(
					Object.entries(raw)
						.filter(([k]) => k !== '_wandb' && k !== 'wandb_version')
						.map(([k, v]) => [k, v.value])
				)
			);
		} else {
			delete config['_wandb'];
			params = flatten(config);
		}
		const summaryPath = join(dir, 'files', 'wandb-summary.json');
		const finalSummary = existsSync(summaryPath) ? (pyJson(readFileSync(summaryPath, 'utf8')) as Record<string, unknown>) : summary;
		const metrics: ExpectedWandbRun['metrics'] = {};
		for (const [key, values] of history) {
			const s = finalSummary[key];
			const fromSummary = asNumber(s) ?? (s && typeof s === 'object' ? asNumber((s as Record<string, unknown>)['last']) : null);
			metrics[key] = { count: values.length, final: fromSummary ?? values[values.length - 1]! };
		}
		for (const [key, value] of Object.entries(finalSummary)) {
			const n = asNumber(value);
			if (!key.startsWith('_') && n !== null && !metrics[key]) metrics[key] = { count: 1, final: n };
		}
		runs.push({
			runId,
			project,
			startedAt: new Date(startMs).toISOString(),
			badChunks,
			historyRows,
			params,
			metrics,
			exitCode: exit?.code ?? null,
			state: exit === null ? null : exit.code === 0 ? 'finished' : exit.code === 254 ? 'crashed' : 'failed',
			endedAt: exit === null ? null : new Date(startMs + exit.runtime * 1000).toISOString(),
		});
	}
	return runs;
}
