import { describe, expect, it } from 'vitest';
import { applyExperimentRules, findExperimentRule, hashExperimentRules, mapExperimentName, SOURCE_EXPERIMENT_TAG } from '../../src/ingest/experiment-rules.ts';
import type { ExperimentRule } from '../../src/schemas/experiment-rule.ts';
import { type RunRecord, runRecordSchema } from '../../src/schemas/run-record.ts';

const place = (relative: string, absolute = `/work/${relative}`) => ({ relative, absolute });
const lightning = place('stores/wafer-seg/lightning_logs/version_3', '/home/ana/stores/wafer-seg/lightning_logs/version_3');

describe('findExperimentRule', () => {
	it('matches a glob against the path relative to the working folder', () => {
		const rules: ExperimentRule[] = [{ path: 'stores/*/lightning_logs/**', experiment: 'seg' }];
		expect(mapExperimentName(rules, 'wafer-seg', lightning)).toBe('seg');
		expect(mapExperimentName(rules, 'wafer-seg', place('other/wafer-seg/lightning_logs/version_3'))).toBe('wafer-seg');
	});

	it('lets a folder stand for every run below it, with or without ./ before and / after it', () => {
		for (const path of ['stores/wafer-seg', './stores/wafer-seg/', 'stores/wafer-seg/lightning_logs/version_3'])
			expect(mapExperimentName([{ path, experiment: 'seg' }], 'wafer-seg', lightning)).toBe('seg');
		// A folder's name is a whole path segment, not a prefix of one
		expect(mapExperimentName([{ path: 'stores/wafer', experiment: 'seg' }], 'wafer-seg', lightning)).toBe('wafer-seg');
	});

	it('matches a glob that starts with / against the full path, not the relative one', () => {
		expect(mapExperimentName([{ path: '/home/ana/stores/**', experiment: 'seg' }], 'wafer-seg', lightning)).toBe('seg');
		expect(mapExperimentName([{ path: '/stores/**', experiment: 'seg' }], 'wafer-seg', lightning)).toBe('wafer-seg');
	});

	it('matches paths that climb out of the working folder as written', () => {
		expect(mapExperimentName([{ path: '../shared/**', experiment: 'shared' }], 'outputs', place('../shared/bert/outputs'))).toBe('shared');
	});

	it('matches `from` exactly against the name the tool gave, never a run without one', () => {
		const rules: ExperimentRule[] = [{ from: 'outputs', experiment: 'bert-finetune' }];
		expect(mapExperimentName(rules, 'outputs', lightning)).toBe('bert-finetune');
		expect(mapExperimentName(rules, 'Outputs', lightning)).toBe('Outputs');
		expect(mapExperimentName(rules, null, lightning)).toBeNull();
	});

	it('needs both `path` and `from` to match when a rule gives both', () => {
		const rules: ExperimentRule[] = [{ path: 'stores/**', from: 'outputs', experiment: 'bert' }];
		expect(mapExperimentName(rules, 'outputs', place('stores/bert/outputs'))).toBe('bert');
		expect(mapExperimentName(rules, 'outputs', place('elsewhere/outputs'))).toBe('outputs');
		expect(mapExperimentName(rules, 'wafer-seg', lightning)).toBe('wafer-seg');
	});

	it('applies the first rule that matches, so a narrow rule goes before a broad one', () => {
		const rules: ExperimentRule[] = [
			{ path: 'stores/wafer-seg/lightning_logs/version_3', experiment: 'seg-v3' },
			{ path: 'stores/**', experiment: 'stores' },
			{ from: 'wafer-seg', experiment: 'never-reached' },
		];
		expect(findExperimentRule(rules, 'wafer-seg', lightning)).toBe(rules[0]);
		expect(mapExperimentName(rules, 'wafer-seg', place('stores/wafer-seg/lightning_logs/version_4'))).toBe('stores');
	});

	it('reads an SQLite run (`mlflow.db#runs/<id>`) as below its database file', () => {
		expect(mapExperimentName([{ path: '**/mlflow.db', experiment: 'sql' }], 'Default', place('stores/sql/mlflow.db#runs/abc'))).toBe('sql');
	});
});

function record(experiment: string | null, tags: Record<string, string> = {}): RunRecord {
	return runRecordSchema.parse({
		id: 'tensorboard:wafer-seg/lightning_logs/version_3',
		source: 'tensorboard',
		nativeId: 'wafer-seg/lightning_logs/version_3',
		name: 'version_3',
		experiment,
		experimentId: null,
		experimentKey: null,
		status: 'finished',
		statusRaw: null,
		startedAt: '2026-03-03T09:00:00.000Z',
		endedAt: null,
		lastActivityAt: null,
		user: null,
		git: null,
		params: {},
		metrics: {},
		tags,
		notes: null,
		deleted: false,
		parentId: null,
		warnings: [],
		lessons: [],
	});
}

describe('applyExperimentRules', () => {
	it("renames the experiment and keeps the tool's name in the source.experiment tag", () => {
		const mapped = applyExperimentRules(record('wafer-seg', { owner: 'ana' }), [{ from: 'wafer-seg', experiment: 'seg' }], lightning);
		expect(mapped.experiment).toBe('seg');
		expect(mapped.tags).toEqual({ owner: 'ana', [SOURCE_EXPERIMENT_TAG]: 'wafer-seg' });
		expect(runRecordSchema.safeParse(mapped).success).toBe(true);
	});

	it('gives a run the tool left without an experiment one by its path, with no tag to keep', () => {
		const mapped = applyExperimentRules(record(null), [{ path: 'stores/**', experiment: 'seg' }], lightning);
		expect(mapped.experiment).toBe('seg');
		expect(mapped.tags).toEqual({});
	});

	it('leaves a run no rule matches, or one a rule names as it already was, exactly as read', () => {
		const run = record('wafer-seg');
		expect(applyExperimentRules(run, [], lightning)).toBe(run);
		expect(applyExperimentRules(run, [{ from: 'other', experiment: 'x' }], lightning)).toBe(run);
		expect(applyExperimentRules(run, [{ from: 'wafer-seg', experiment: 'wafer-seg' }], lightning)).toBe(run);
	});
});

describe('hashExperimentRules', () => {
	it('is empty without rules and changes with any rule field, their order and the working folder', () => {
		const rules: ExperimentRule[] = [
			{ path: 'a/**', experiment: 'a' },
			{ from: 'b', experiment: 'b' },
		];
		expect(hashExperimentRules([], '/work')).toBe('');
		const base = hashExperimentRules(rules, '/work');
		expect(hashExperimentRules([...rules], '/work')).toBe(base);
		const variants = [
			hashExperimentRules([rules[1]!, rules[0]!], '/work'),
			hashExperimentRules([{ path: 'a/**', experiment: 'a2' }, rules[1]!], '/work'),
			hashExperimentRules([{ path: 'a/*', experiment: 'a' }, rules[1]!], '/work'),
			hashExperimentRules([rules[0]!, { from: 'c', experiment: 'b' }], '/work'),
			hashExperimentRules(rules, '/elsewhere'),
		];
		expect(new Set([base, ...variants]).size).toBe(6);
	});
});
