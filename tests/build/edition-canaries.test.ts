import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { copyFixtureArchive } from '../helpers.ts';
import { type BuildResult, buildSite } from './build-site.ts';
import { listFiles } from './inspect-dist.ts';

// Every canary is a word of its own, so that it is found in the search index as in the pages.
const CANARIES = {
	experimentTitle: 'Zqxexperimenttitle',
	hypothesis: 'zqxhypothesis',
	runName: 'zqxrunname',
	param: 'zqxparam',
	metric: 'zqxmetric',
	runLesson: 'zqxrunlesson',
	experimentNote: 'zqxexperimentnote',
	retroTitle: 'Zqxretrotitle',
	retroLesson: 'zqxretrolesson',
	decisionTitle: 'Zqxdecisiontitle',
	personName: 'Zqxpersonname',
};

const RESTRICTED_EXPERIMENT = `---
title: ${CANARIES.experimentTitle} trial
hypothesis: The ${CANARIES.hypothesis} holds.
summary: Restricted work.
status: running
owners: [ada]
started: 2026-02-01
runs:
  experiments: [secret-src]
metrics:
  - key: ${CANARIES.metric}
    direction: min
visibility: restricted
---
Restricted work.
`;

const RESTRICTED_RETRO = `---
month: 2026-03
title: ${CANARIES.retroTitle} month
authors: [ada]
summary: A restricted month.
lessons:
  - id: restricted-retro-lesson
    title: The ${CANARIES.retroLesson} lesson
    detail: Kept inside the team.
visibility: restricted
---
Restricted month.
`;

const RESTRICTED_DECISION = `---
id: DR-0005
title: ${CANARIES.decisionTitle} change
date: 2026-02-20
status: accepted
summary: A restricted decision.
deciders: [ada]
impact: [training]
visibility: restricted
---
Restricted decision.
`;

async function plantCanaries(dir: string): Promise<void> {
	await writeFile(join(dir, 'experiments/secret-trial.mdx'), RESTRICTED_EXPERIMENT);
	await writeFile(join(dir, 'retros/2026-03.mdx'), RESTRICTED_RETRO);
	await writeFile(join(dir, 'decisions/0005-restricted.mdx'), RESTRICTED_DECISION);
	await writeFile(join(dir, 'people/zed.yaml'), `name: ${CANARIES.personName} Zed\nrole: Researcher\naffiliation: Elsewhere\nvisibility: restricted\n`);
	const digestPath = join(dir, 'runs/2026-02.json');
	const digest = JSON.parse(await readFile(digestPath, 'utf8'));
	const [template] = digest.runs;
	const run = {
		...template,
		id: 'manifest:secret-1',
		nativeId: 'secret-1',
		name: CANARIES.runName,
		experiment: 'secret-src',
		params: { [`${CANARIES.param}.rate`]: '0.5' },
		metrics: { [CANARIES.metric]: template.metrics.val_loss },
		notes: `Lesson: the ${CANARIES.runLesson} holds.`,
	};
	digest.runs.push(run);
	digest.lessons.push(
		{ id: 'run-secret-1', text: `the ${CANARIES.runLesson} holds.`, runId: run.id, experiment: 'secret-src', origin: 'run-note' },
		{ id: 'exp-secret-src', text: `the ${CANARIES.experimentNote} matters.`, runId: null, experiment: 'secret-src', origin: 'experiment-note' }
	);
	await writeFile(digestPath, JSON.stringify(digest, null, 2));
}

/** Everything a reader could fetch: pages, feeds, sitemap, and the search index decompressed. */
async function readEverything(outDir: string): Promise<string> {
	const files = await listFiles(outDir);
	const texts = await Promise.all(
		files.map(async (file) => {
			const bytes = await readFile(join(outDir, file));
			if (/^pagefind\/.*\.pf_(fragment|index|meta|filter)$/.test(file)) return gunzipSync(bytes).toString('utf8');
			return /\.(html|xml|json|js|txt)$/.test(file) ? bytes.toString('utf8') : '';
		})
	);
	return texts.join('\n').toLowerCase();
}

const editions = ['internal', 'public'] as const;
const builds = new Map<string, { build: BuildResult; everything: string }>();
let archive: Awaited<ReturnType<typeof copyFixtureArchive>>;
const outDirs: string[] = [];

beforeAll(async () => {
	archive = await copyFixtureArchive();
	await plantCanaries(archive.dir);
	for (const audience of editions) {
		const outDir = await mkdtemp(join(tmpdir(), `hindsight-${audience}-`));
		outDirs.push(outDir);
		const build = await buildSite(archive.dir, outDir, [], { HINDSIGHT_AUDIENCE: audience });
		builds.set(audience, { build, everything: build.code === 0 ? await readEverything(outDir) : '' });
	}
});
afterAll(() => Promise.all([...outDirs.map((dir) => rm(dir, { recursive: true, force: true })), archive.cleanup()]));

test.each(editions)('no restricted entry, nor a run or lesson of a restricted experiment, reaches the %s edition', (audience) => {
	const { build, everything } = builds.get(audience)!;
	expect(build.code, build.output).toBe(0);
	expect(everything).toContain('pagefind');
	const leaked = Object.entries(CANARIES).filter(([, canary]) => everything.includes(canary.toLowerCase()));
	expect(leaked.map(([name]) => name)).toEqual([]);
});

test('the internal edition still shows the runs of the experiments it may see', () => {
	expect(builds.get('internal')!.everything).toContain('warmup-a');
});
