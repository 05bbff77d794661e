// What reading and validating an archive's run digests costs on its own: the part of the build's archive
// check that the floor has no counterpart for (it reads no digests). The digests go through the archive
// check's own code (`parseEntry`, `parseEntries`: JSON.parse, the series checked by hand, the rest by the
// digest schema), three times in this process; prints the CPU seconds and wall time of each round.
//
// Usage: node bench/build/digest-check.ts <archive folder>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTION_DIRS } from '../../src/lib/content-dir.ts';
import { parseEntries } from '../../src/lib/parse-entries.ts';
import { parseEntry } from '../../src/lib/read-archive.ts';

const dir = join(process.argv[2]!, COLLECTION_DIRS.runs);
const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
const rounds: { cpuS: number; wallMs: number }[] = [];
let bytes = 0;
let runs = 0;
for (let round = 0; round < 3; round++) {
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	bytes = 0;
	const raw = names.map((name) => {
		const text = readFileSync(join(dir, name), 'utf8');
		bytes += Buffer.byteLength(text);
		return parseEntry('runs', name.slice(0, -'.json'.length), name, text);
	});
	const { archive, issues } = parseEntries(raw);
	if (issues.length > 0) throw new Error(`${issues.length} problem(s) in the digests, first: ${issues[0]!.file}: ${issues[0]!.message}`);
	runs = archive.runs.reduce((sum, entry) => sum + entry.data.runs.length, 0);
	const cpu = process.cpuUsage(cpuBefore);
	rounds.push({ cpuS: (cpu.user + cpu.system) / 1e6, wallMs: performance.now() - started });
}
process.stdout.write(`${JSON.stringify({ files: names.length, bytes, runs, rounds })}\n`);
