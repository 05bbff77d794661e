// A digest's text is JSON.stringify's with each series on one line; reading it back and writing it
// again gives the same bytes; checkDigest refuses what the digest schema refuses.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDigest } from '../../src/ingest/check-digest.ts';
import { buildMonthDigest, formatDigest } from '../../src/ingest/month-digest.ts';
import type { DigestInput, RunInput, RunLesson } from '../../src/schemas/digest.ts';

const content = resolve(import.meta.dirname, '..', '..', 'content', 'runs');
const files = readdirSync(content).filter((n) => /^\d{4}-\d{2}\.json$/.test(n));

function run(id: string, startedAt: string, series: RunInput['metrics'][string]['series'] = []): RunInput {
	const metrics = { loss: { final: 1, best: 1, bestStep: 0, direction: 'min' as const, min: 1, max: 1, count: series.length, nanCount: 0, lastStep: 0, series } };
	return { id, source: 'manifest', nativeId: id, name: null, experiment: 'e', experimentId: null, status: 'finished', statusRaw: null, startedAt, endedAt: null, durationMs: null, user: null, git: null, params: {}, metrics, tags: {}, notes: null, deleted: false, parentId: null, warnings: [] };
}

describe('formatDigest', () => {
	it('gives the committed digests back byte for byte once parsed', () => {
		for (const name of files) {
			const text = readFileSync(join(content, name), 'utf8');
			expect(formatDigest(JSON.parse(text) as DigestInput), name).toBe(text);
		}
	});
	it('writes each series on one line, NaN and infinities as strings, and JSON.stringify everywhere else', () => {
		const digest = buildMonthDigest('2026-01', [{ run: run('a', '2026-01-02T00:00:00.000Z', [[0, 0.5], [1, 'NaN'], [2, 'Infinity']]), lessons: [], storePath: 's', storeKind: 'manifest' }], new Map());
		const text = formatDigest(digest);
		expect(text).toContain('"series": [[0, 0.5], [1, "NaN"], [2, "Infinity"]]');
		expect(text.endsWith('}\n')).toBe(true);
		const flat = JSON.parse(text) as DigestInput;
		expect(text.replace(/"series": \[.*\]/g, '"series": []')).toBe(`${JSON.stringify({ ...flat, runs: flat.runs.map((r) => ({ ...r, metrics: { loss: { ...r.metrics['loss']!, series: [] } } })) }, null, 2)}\n`);
	});
	it('leaves a user string that looks like a series marker alone', () => {
		const r = { ...run('a', '2026-01-02T00:00:00.000Z'), notes: '"series-0:0"' };
		const digest = buildMonthDigest('2026-01', [{ run: r, lessons: [], storePath: 's', storeKind: 'manifest' }], new Map());
		expect(JSON.parse(formatDigest(digest)).runs[0].notes).toBe('"series-0:0"');
	});
});

describe('buildMonthDigest', () => {
	it('orders runs by start then id, files lessons after their run and experiment lessons after the first run, and counts runs per store', () => {
		const lesson = (id: string, runId: string | null): RunLesson => ({ id, text: id, runId, experiment: 'e', origin: runId ? 'run-note' : 'experiment-note' });
		const digest = buildMonthDigest(
			'2026-01',
			[
				{ run: run('b', '2026-01-03T00:00:00.000Z'), lessons: [lesson('lb', 'b')], storePath: 'x', storeKind: 'manifest' },
				{ run: run('a', '2026-01-03T00:00:00.000Z'), lessons: [lesson('la', 'a')], storePath: 'y', storeKind: 'manifest' },
				{ run: run('c', '2026-01-01T00:00:00.000Z'), lessons: [], storePath: 'x', storeKind: 'manifest' },
			],
			new Map([['a', [lesson('le', null)]]])
		);
		expect(digest.runs.map((r) => r.id)).toEqual(['c', 'a', 'b']);
		expect(digest.lessons.map((l) => l.id)).toEqual(['la', 'le', 'lb']);
		expect(digest.sources).toEqual([{ kind: 'manifest', path: 'x', runs: 2 }, { kind: 'manifest', path: 'y', runs: 1 }]);
	});
});

describe('checkDigest', () => {
	it('passes the committed digests', () => {
		for (const name of files) expect(checkDigest(JSON.parse(readFileSync(join(content, name), 'utf8')) as DigestInput), name).toBeNull();
	});
	it('finds a bad series and a bad field elsewhere', () => {
		const good = buildMonthDigest('2026-01', [{ run: run('a', '2026-01-02T00:00:00.000Z', [[0, 1]]), lessons: [], storePath: 's', storeKind: 'manifest' }], new Map());
		const badSeries = structuredClone(good);
		badSeries.runs[0]!.metrics['loss']!.series = [[Number.NaN, 1]];
		expect(checkDigest(badSeries)).toEqual({ path: 'runs.0.metrics.loss.series.0.0', message: 'expected a finite step' });
		const badField = structuredClone(good);
		(badField.runs[0] as { status: string }).status = 'done';
		expect(checkDigest(badField)?.path).toBe('runs.0.status');
	});
});
