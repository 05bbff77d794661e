// Expected values for the real TensorBoard, Lightning CSV and Trainer stores, worked out without the
// code under test: a deliberately small reader of TFRecord framing and of the few protobuf fields a
// scalar needs (its own varint decoding, no library), naive CSV splitting, and JSON.parse.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Per tag: how many points, and the value at the highest step (the latest wall time on ties). */
export interface ExpectedSeries {
	count: number;
	final: number;
}

/** A run's figures as the files hold them. */
export interface ExpectedLogRun {
	series: Record<string, ExpectedSeries>;
	/** Earliest and latest wall time, ISO; null for stores that keep no times. */
	first: string | null;
	last: string | null;
	/** hparams session end status, if written. */
	endStatus: number | null;
}

type Field = { no: number; wire: number; value: number | bigint | Uint8Array };

function fields(bytes: Uint8Array): Field[] {
	const out: Field[] = [];
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let pos = 0;
	const varint = (): bigint => {
		let result = 0n;
		let shift = 0n;
		for (;;) {
			const b = bytes[pos++]!;
			result |= BigInt(b & 0x7f) << shift;
			if (b < 0x80) return result;
			shift += 7n;
		}
	};
	while (pos < bytes.length) {
		const key = Number(varint());
		const no = key >>> 3;
		const wire = key & 7;
		if (wire === 0) out.push({ no, wire, value: varint() });
		else if (wire === 1) {
			out.push({ no, wire, value: view.getFloat64(pos, true) });
			pos += 8;
		} else if (wire === 5) {
			out.push({ no, wire, value: view.getFloat32(pos, true) });
			pos += 4;
		} else if (wire === 2) {
			const n = Number(varint());
			out.push({ no, wire, value: bytes.subarray(pos, pos + n) });
			pos += n;
		} else throw new Error(`wire type ${wire}`);
	}
	return out;
}

const get = (fs: Field[], no: number) => fs.find((f) => f.no === no)?.value;

interface Point {
	step: number;
	wall: number;
	value: number;
}

/** Every scalar of a folder's event files, read in name order. */
export function expectedEventRun(dir: string): ExpectedLogRun {
	const points = new Map<string, Point[]>();
	const plugins = new Map<string, string | null>();
	let first = Infinity;
	let last = -Infinity;
	let endStatus: number | null = null;
	for (const name of readdirSync(dir)
		.filter((n) => n.includes('tfevents'))
		.sort()) {
		const bytes = new Uint8Array(readFileSync(join(dir, name)));
		const view = new DataView(bytes.buffer);
		for (let pos = 0; pos + 12 <= bytes.length; ) {
			const length = Number(view.getBigUint64(pos, true));
			if (pos + 12 + length + 4 > bytes.length) break;
			const event = fields(bytes.subarray(pos + 12, pos + 12 + length));
			pos += 16 + length;
			const wall = (get(event, 1) as number) ?? 0;
			const step = Number(get(event, 2) ?? 0n);
			if (wall > 0) {
				first = Math.min(first, wall);
				last = Math.max(last, wall);
			}
			const summary = get(event, 5) as Uint8Array | undefined;
			if (!summary) continue;
			for (const v of fields(summary).filter((f) => f.no === 1)) {
				const value = fields(v.value as Uint8Array);
				const tag = new TextDecoder().decode(get(value, 1) as Uint8Array);
				const meta = get(value, 9) as Uint8Array | undefined;
				const pluginData = meta && (get(fields(meta), 1) as Uint8Array | undefined);
				const plugin = pluginData ? new TextDecoder().decode(get(fields(pluginData), 1) as Uint8Array) : null;
				if (!plugins.has(tag)) plugins.set(tag, plugin);
				if (plugins.get(tag) === 'hparams' && pluginData) {
					const end = get(fields(get(fields(pluginData), 2) as Uint8Array), 4) as Uint8Array | undefined;
					if (end) endStatus = Number(get(fields(end), 1) ?? 0n);
					continue;
				}
				if (plugins.get(tag) !== null && plugins.get(tag) !== 'scalars') continue;
				let scalar = get(value, 2) as number | undefined;
				const tensor = get(value, 8) as Uint8Array | undefined;
				if (scalar === undefined && tensor) {
					const content = get(fields(tensor), 4) as Uint8Array | undefined;
					if (content && content.length === 4) scalar = new DataView(content.buffer, content.byteOffset, 4).getFloat32(0, true);
				}
				if (scalar === undefined) continue;
				if (!points.has(tag)) points.set(tag, []);
				points.get(tag)!.push({ step, wall, value: scalar });
			}
		}
	}
	const series: Record<string, ExpectedSeries> = {};
	for (const [tag, list] of points) {
		let best = list[0]!;
		for (const p of list) if (p.step > best.step || (p.step === best.step && p.wall >= best.wall)) best = p;
		series[tag] = { count: list.length, final: best.value };
	}
	const iso = (s: number) => (Number.isFinite(s) ? new Date(s * 1000).toISOString() : null);
	return { series, first: iso(first), last: iso(last), endStatus };
}

/** Lightning's metrics.csv: every non-empty cell of every column but `step`, final at the highest step (the later row on ties). */
export function expectedCsvRun(path: string): ExpectedLogRun {
	const lines = readFileSync(path, 'utf8')
		.split(/\r?\n/)
		.filter((l) => l !== '');
	const header = lines[0]!.split(',');
	const series: Record<string, ExpectedSeries & { step: number }> = {};
	for (const line of lines.slice(1)) {
		const cells = line.split(',');
		const step = Number(cells[header.indexOf('step')]);
		header.forEach((column, i) => {
			if (column === 'step' || cells[i] === '' || cells[i] === undefined) return;
			const value = Number(cells[i]);
			series[column] ??= { count: 0, final: NaN, step: -Infinity };
			const s = series[column];
			s.count++;
			if (step >= s.step) {
				s.step = step;
				s.final = value;
			}
		});
	}
	return { series: Object.fromEntries(Object.entries(series).map(([k, { count, final }]) => [k, { count, final }])), first: null, last: null, endStatus: null };
}

/** The highest checkpoint's log_history, under the names the Trainer's TensorBoard callback gives them. */
export function expectedTrainerState(outputDir: string): ExpectedLogRun & { globalStep: number; maxSteps: number } {
	const top = readdirSync(outputDir)
		.filter((n) => /^checkpoint-\d+$/.test(n))
		.sort((a, b) => Number(b.slice(11)) - Number(a.slice(11)))[0]!;
	const state = JSON.parse(readFileSync(join(outputDir, top, 'trainer_state.json'), 'utf8').replace(/\bNaN\b/g, 'null'));
	const series: Record<string, ExpectedSeries & { step: number }> = {};
	for (const row of state.log_history) {
		for (const [key, value] of Object.entries(row)) {
			if (key === 'step' || typeof value !== 'number') continue;
			const name = key.startsWith('eval_') ? `eval/${key.slice(5)}` : `train/${key}`;
			series[name] ??= { count: 0, final: NaN, step: -Infinity };
			const s = series[name];
			s.count++;
			if (row.step >= s.step) {
				s.step = row.step;
				s.final = value;
			}
		}
	}
	return {
		series: Object.fromEntries(Object.entries(series).map(([k, { count, final }]) => [k, { count, final }])),
		first: null,
		last: null,
		endStatus: null,
		globalStep: state.global_step,
		maxSteps: state.max_steps,
	};
}
