// What reading and validating an archive's run digests costs on its own: the part of the build's archive
// check that the floor has no counterpart for (it reads no digests). The digests go through the archive
// check's own code (`readCollection`, `parseEntries`: JSON.parse, the series checked by hand, the rest by
// the digest schema), three times in this process; prints the CPU seconds and wall time of each round.
//
// Usage: node bench/build/digest-check.ts <archive folder>
import { parseEntries } from '../../src/archive/parse-entries.ts';
import { readCollection } from '../../src/archive/read-archive.ts';

const archive = process.argv[2]!;
const rounds: { cpuS: number; wallMs: number }[] = [];
let files = 0;
let bytes = 0;
let runs = 0;
for (let round = 0; round < 3; round++) {
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const raw = await readCollection(archive, 'runs', process.cwd());
	const { archive: parsed, issues } = parseEntries(raw);
	const cpu = process.cpuUsage(cpuBefore);
	rounds.push({ cpuS: (cpu.user + cpu.system) / 1e6, wallMs: performance.now() - started });
	if (issues.length > 0) throw new Error(`${issues.length} problem(s) in the digests, first: ${issues[0]!.file}: ${issues[0]!.message}`);
	files = raw.length;
	bytes = raw.reduce((sum, entry) => sum + Buffer.byteLength(entry.text ?? ''), 0);
	runs = parsed.runs.reduce((sum, entry) => sum + entry.data.runs.length, 0);
}
process.stdout.write(`${JSON.stringify({ files, bytes, runs, rounds })}\n`);
