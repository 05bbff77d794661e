/**
 * `npm run bench:archive -- [--out <dir>] [--years N] [--seed S] [--preset full|search] [--no-components]`
 *
 * Writes a seeded benchmark archive (default: ten years, into bench/build/work/archive-10y).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL, generateArchive, SEARCH_PRESET } from './generate.ts';

const { values } = parseArgs({
	options: {
		out: { type: 'string' },
		years: { type: 'string' },
		seed: { type: 'string', default: '42' },
		preset: { type: 'string', default: 'full' },
		'no-components': { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false },
	},
});
if (values.help) {
	console.log('usage: npm run bench:archive -- [--out <dir>] [--years N] [--seed S] [--preset full|search] [--no-components]');
	process.exit(0);
}
const preset = values.preset === 'search' ? SEARCH_PRESET : FULL;
if (values.preset !== 'search' && values.preset !== 'full') throw new Error(`unknown preset ${values.preset}`);
const years = values.years ? Number(values.years) : preset.years;
if (!Number.isInteger(years) || years < 1) throw new Error('--years must be a positive integer');
const outDir = resolve(values.out ?? `bench/build/work/${values.preset === 'search' ? 'search-archive' : `archive-${years}y`}`);
const started = performance.now();
const summary = await generateArchive({
	outDir,
	seed: Number(values.seed),
	years,
	decisionsPerYear: preset.decisionsPerYear,
	experimentsPerYear: preset.experimentsPerYear,
	runsPerYear: preset.runsPerYear,
	components: !values['no-components'],
});
console.log(JSON.stringify({ ...summary, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }, null, 2));
