// Expected values for the real DVCLive folders, worked out without the code under test: each history
// file split by lines and tabs (DVCLive's own rule: the last row is the final value), params from the
// YAML files with the `yaml` package, and the times from the files' modification times (none of these
// folders logged timestamps).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ExpectedDvcliveRun {
	metrics: Record<string, { count: number; firstStep: number; final: number }>;
	params: Record<string, unknown>;
	startedAt: string;
	endedAt: string;
}

function flatten(config: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
	for (const [k, v] of Object.entries(config ?? {})) {
		if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
		else out[prefix + k] = v;
	}
	return out;
}

function tsvFiles(dir: string): string[] {
	return (readdirSync(dir, { recursive: true }) as string[])
		.filter((f) => f.endsWith('.tsv'))
		.map((f) => f.split('\\').join('/'))
		.sort();
}

/** One DVCLive folder `live` inside the DVC project `project`. */
export function expectedDvcliveRun(project: string, live = join(project, 'dvclive')): ExpectedDvcliveRun {
	const metrics: ExpectedDvcliveRun['metrics'] = {};
	const history = join(live, 'plots', 'metrics');
	for (const file of tsvFiles(history)) {
		const rows = readFileSync(join(history, file), 'utf8')
			.split(/\r?\n/)
			.filter((l) => l !== '')
			.slice(1)
			.map((l) => l.split('\t'));
		metrics[file.slice(0, -4)] = { count: rows.length, firstStep: Number(rows[0]![0]), final: Number(rows[rows.length - 1]!.at(-1)) };
	}
	const params = {
		...(existsSync(join(project, 'params.yaml')) ? flatten(parse(readFileSync(join(project, 'params.yaml'), 'utf8'))) : {}),
		...(existsSync(join(live, 'params.yaml')) ? flatten(parse(readFileSync(join(live, 'params.yaml'), 'utf8'))) : {}),
	};
	const written = ['metrics.json', 'params.yaml', 'dvc.yaml', ...tsvFiles(history).map((f) => join('plots', 'metrics', f))]
		.map((f) => join(live, f))
		.filter((f) => existsSync(f))
		.map((f) => statSync(f).mtimeMs);
	return { metrics, params, startedAt: new Date(Math.min(...written)).toISOString(), endedAt: new Date(Math.max(...written)).toISOString() };
}
