// A digest's text is JSON.stringify's with each series on one line; reading it back and writing it
// again gives the same bytes; checkDigest refuses what the digest schema refuses.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDigestHead, checkRun } from '../../src/ingest/check-digest.ts';
import { buildMonthDigest, formatDigest, type MonthDigest, toMonthRun } from '../../src/ingest/month-digest.ts';
import type { DigestInput, RunInput, RunLesson } from '../../src/schemas/digest.ts';

/** A parsed digest as the writer holds it: each run as its text. */
function asMonthDigest(digest: DigestInput): MonthDigest {
	return { ...digest, runs: digest.runs.map((r) => toMonthRun(r, [], 's', r.source)) };
}

/** A month of the given runs, built as ingest builds it. */
function monthOf(runs: RunInput[], lessons: RunLesson[][] = [], stores: string[] = []): MonthDigest {
	return buildMonthDigest(
		'2026-01',
		runs.map((r, i) => toMonthRun(r, lessons[i] ?? [], stores[i] ?? 's', 'manifest')),
		new Map()
	);
}

const content = resolve(import.meta.dirname, '..', '..', 'content', 'runs');
const files = readdirSync(content).filter((n) => /^\d{4}-\d{2}\.json$/.test(n));

function run(id: string, startedAt: string, series: RunInput['metrics'][string]['series'] = []): RunInput {
	const metrics = {
		loss: { final: 1, best: 1, bestStep: 0, direction: 'min' as const, min: 1, max: 1, count: series.length, nanCount: 0, lastStep: 0, series },
	};
	return {
		id,
		source: 'manifest',
		nativeId: id,
		name: null,
		experiment: 'e',
		experimentId: null,
		status: 'finished',
		statusRaw: null,
		startedAt,
		endedAt: null,
		durationMs: null,
		user: null,
		git: null,
		params: {},
		metrics,
		tags: {},
		notes: null,
		deleted: false,
		parentId: null,
		warnings: [],
	};
}

describe('formatDigest', () => {
	it('gives the committed digests back byte for byte once parsed', () => {
		for (const name of files) {
			const text = readFileSync(join(content, name), 'utf8');
			expect(formatDigest(asMonthDigest(JSON.parse(text) as DigestInput)), name).toBe(text);
		}
	});
	it('writes each series on one line, NaN and infinities as strings, and JSON.stringify everywhere else', () => {
		const text = formatDigest(
			monthOf([
				run('a', '2026-01-02T00:00:00.000Z', [
					[0, 0.5],
					[1, 'NaN'],
					[2, 'Infinity'],
				]),
			])
		);
		expect(text).toContain('"series": [[0, 0.5], [1, "NaN"], [2, "Infinity"]]');
		expect(text.endsWith('}\n')).toBe(true);
		const flat = JSON.parse(text) as DigestInput;
		expect(text.replace(/"series": \[.*\]/g, '"series": []')).toBe(
			`${JSON.stringify({ ...flat, runs: flat.runs.map((r) => ({ ...r, metrics: { loss: { ...r.metrics['loss']!, series: [] } } })) }, null, 2)}\n`
		);
	});
	it('leaves a user string that looks like a series marker alone', () => {
		const r = { ...run('a', '2026-01-02T00:00:00.000Z'), notes: '"series-0:0"' };
		expect(JSON.parse(formatDigest(monthOf([r]))).runs[0].notes).toBe('"series-0:0"');
	});
	it('writes an empty month with an empty run list', () => {
		expect(JSON.parse(formatDigest(monthOf([])))).toEqual({ schemaVersion: 1, month: '2026-01', sources: [], runs: [], lessons: [] });
	});
});

describe('buildMonthDigest', () => {
	it('orders runs by start then id, files lessons after their run and experiment lessons after the first run, and counts runs per store', () => {
		const lesson = (id: string, runId: string | null): RunLesson => ({ id, text: id, runId, experiment: 'e', origin: runId ? 'run-note' : 'experiment-note' });
		const runs = [run('b', '2026-01-03T00:00:00.000Z'), run('a', '2026-01-03T00:00:00.000Z'), run('c', '2026-01-01T00:00:00.000Z')];
		const placed = runs.map((r, i) => toMonthRun(r, [[lesson('lb', 'b')], [lesson('la', 'a')], []][i]!, ['x', 'y', 'x'][i]!, 'manifest'));
		const digest = buildMonthDigest('2026-01', placed, new Map([['a', [lesson('le', null)]]]));
		expect(digest.runs.map((r) => r.id)).toEqual(['c', 'a', 'b']);
		expect(digest.lessons.map((l) => l.id)).toEqual(['la', 'le', 'lb']);
		expect(digest.sources).toEqual([
			{ kind: 'manifest', path: 'x', runs: 2 },
			{ kind: 'manifest', path: 'y', runs: 1 },
		]);
	});
});

describe('checkRun and checkDigestHead', () => {
	it('pass the committed digests', () => {
		for (const name of files) {
			const digest = JSON.parse(readFileSync(join(content, name), 'utf8')) as DigestInput;
			expect(digest.runs.map(checkRun).filter(Boolean), name).toEqual([]);
			expect(checkDigestHead(asMonthDigest(digest)), name).toBeNull();
		}
	});
	it('find a bad series, a bad field elsewhere and a bad month', () => {
		const good = run('a', '2026-01-02T00:00:00.000Z', [[0, 1]]);
		const badSeries = structuredClone(good);
		badSeries.metrics['loss']!.series = [[Number.NaN, 1]];
		expect(checkRun(badSeries)).toEqual({ path: 'metrics.loss.series.0.0', message: 'expected a finite step' });
		expect(checkRun({ ...good, status: 'done' as never })?.path).toBe('status');
		expect(checkDigestHead({ ...monthOf([good]), month: '2026-13' })?.path).toBe('month');
	});
});
