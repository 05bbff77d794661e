// The team's experiment names (`hindsight.yaml`'s `experiments`) put in place of the tools' own. Applied
// in the pipeline right after an adapter's `read`, so every store kind is renamed by the same rules.
import { createHash } from 'node:crypto';
import { matchesGlob } from 'node:path';
import type { ExperimentRule } from '../schemas/experiment-rule.ts';
import type { RunRecord } from '../schemas/run-record.ts';

/** The tag that keeps the name the tool gave a run's experiment when a rule renamed it. */
export const SOURCE_EXPERIMENT_TAG = 'source.experiment';

/** Where a run lives, in the two forms a rule's `path` may be written against, both with `/`. */
export interface RunPlace {
	/** Relative to the folder ingest runs in (`examples/tensorboard/…`, `../stores/…`). */
	relative: string;
	/** The full path (`/home/ana/proj/lightning_logs/version_0`). */
	absolute: string;
}

/** A glob as written, without the `./` before it or the `/` after it, which name the same folder. */
function normaliseGlob(glob: string): string {
	const trimmed = glob.replace(/^(\.\/)+/, '');
	return trimmed.length > 1 ? trimmed.replace(/\/+$/, '') : trimmed;
}

/** The path and every folder above it, the path first: a rule naming a folder covers the runs below it. */
function listPathAndParents(path: string): string[] {
	// A run inside a file (MLflow's SQLite store: `mlflow.db#runs/<id>`) lies below that file
	const inFile = path.indexOf('#');
	const paths = inFile > 0 ? [path] : [];
	for (let p = inFile > 0 ? path.slice(0, inFile) : path; p !== '' && p !== '/'; p = p.slice(0, Math.max(p.lastIndexOf('/'), 0))) {
		paths.push(p);
		if (!p.includes('/')) break;
	}
	return paths;
}

/** True when the rule's `path` (if it has one) matches the run's place or a folder above it. */
function matchesRulePath(glob: string, place: RunPlace): boolean {
	const pattern = normaliseGlob(glob);
	const path = pattern.startsWith('/') ? place.absolute : place.relative;
	return listPathAndParents(path).some((candidate) => matchesGlob(candidate, pattern));
}

/** The first rule that matches a run whose tool named its experiment `detected`, or undefined. */
export function findExperimentRule(rules: readonly ExperimentRule[], detected: string | null, place: RunPlace): ExperimentRule | undefined {
	return rules.find((rule) => (rule.from === undefined || rule.from === detected) && (rule.path === undefined || matchesRulePath(rule.path, place)));
}

/** The experiment name a run gets: the first matching rule's, else the tool's own. */
export function mapExperimentName(rules: readonly ExperimentRule[], detected: string | null, place: RunPlace): string | null {
	return findExperimentRule(rules, detected, place)?.experiment ?? detected;
}

/**
 * The run with its experiment renamed by the first matching rule; the tool's own name, when it had
 * one, is kept in the `source.experiment` tag so the run can still be found in the tool.
 */
export function applyExperimentRules(record: RunRecord, rules: readonly ExperimentRule[], place: RunPlace): RunRecord {
	if (rules.length === 0) return record;
	const experiment = mapExperimentName(rules, record.experiment, place);
	if (experiment === record.experiment) return record;
	const tags = record.experiment === null ? record.tags : { ...record.tags, [SOURCE_EXPERIMENT_TAG]: record.experiment };
	return { ...record, experiment, tags };
}

/**
 * A short hash of the rules and of the folder relative paths are matched from, or '' without rules:
 * the cache is trusted only under the rules it was written with, so changing them reads every run again.
 */
export function hashExperimentRules(rules: readonly ExperimentRule[], cwd: string): string {
	if (rules.length === 0) return '';
	const plain = rules.map((rule) => [rule.path ?? null, rule.from ?? null, rule.experiment]);
	return createHash('sha1')
		.update(JSON.stringify([cwd, plain]))
		.digest('hex')
		.slice(0, 12);
}
