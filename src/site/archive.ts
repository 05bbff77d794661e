import { getCollection } from 'astro:content';
import { noteArchiveChange, readArchiveGeneration } from '../archive/archive-generation.ts';
import { resolveContentDir } from '../archive/content-dir.ts';
import { type DigestFileCache, type ReadDigest, readDigests, rememberDigests } from '../archive/read-digests.ts';
import { isRunIndexCurrent, readRunIndex } from '../archive/run-index.ts';
import { readSiteOptions } from '../archive/site-options.ts';
import { takeValidatedRuns } from '../archive/validated-runs.ts';
import { resolveAudience, selectForAudience } from '../model/audience.ts';
import { listMonthDigests } from '../model/month-digests.ts';
import { buildSiteModel, type SiteModel } from '../model/site-model.ts';
import { DIGEST_SCHEMA_VERSION, type RunIndex } from '../schemas/index.ts';
import { fingerprintEntries } from './fingerprint-entries.ts';
import { type LatestMemo, memoiseLatest } from './memoise-latest.ts';

// In `npm run dev` Astro's content layer sends this once its store holds a changed entry; the integration
// (src/integrations/archive-watch.ts) counts changes to the digests, the site options and the site's code.
// A listener left by an earlier load of this module only counts the same change twice.
import.meta.hot?.on('astro:content-changed', () => noteArchiveChange('entries'));

type Entries = Awaited<ReturnType<typeof loadEntriesNow>>;

// Vite loads this module again after every edit in `npm run dev` (an MDX file is a module too), so the
// memos live on the process: what was read survives a reload that changed none of it.
const KEY = Symbol.for('hindsight.site-memos');
const holder = globalThis as {
	[KEY]?: {
		digests: LatestMemo<ReadDigest[]>;
		digestFiles: Map<string, DigestFileCache>;
		entries: LatestMemo<Entries>;
		site: LatestMemo<SiteModel>;
		runIndex: LatestMemo<RunIndex | undefined>;
		monthSite: LatestMemo<SiteModel>;
	};
};
holder[KEY] ??= {
	digests: memoiseLatest(),
	digestFiles: new Map(),
	entries: memoiseLatest(),
	site: memoiseLatest(),
	runIndex: memoiseLatest(),
	monthSite: memoiseLatest(),
};
const memos = holder[KEY];

/**
 * The run digests, read once per version, and after a change only the files that changed. Digests are not
 * in the content layer: they can hold tens of thousands of runs, which the content store would copy and
 * cache for no gain. The first load takes those the archive check has just validated (a build, `npm run
 * dev` as it starts).
 */
function loadDigests(contentDir: string): Promise<ReadDigest[]> {
	const { digests } = readArchiveGeneration();
	const files = digestFilesOf(contentDir);
	return memos.digests(String(digests), async () => {
		const validated = digests === 0 ? await takeValidatedRuns(contentDir) : undefined;
		if (!validated) return readDigests(contentDir, files);
		await rememberDigests(contentDir, validated.runs, validated.readSince, files);
		return validated.runs;
	});
}

function digestFilesOf(contentDir: string): DigestFileCache {
	const files = memos.digestFiles.get(contentDir) ?? new Map();
	memos.digestFiles.set(contentDir, files);
	return files;
}

async function loadEntriesNow(contentDir: string) {
	const [people, decisions, experiments, retros, { options }] = await Promise.all([
		getCollection('people'),
		getCollection('decisions'),
		getCollection('experiments'),
		getCollection('retros'),
		readSiteOptions(contentDir),
	]);
	const collections = { people, decisions, experiments, retros };
	return { collections, options, fingerprint: `${fingerprintEntries({ ...collections, options: [{ id: '', data: options }] })}` };
}

/**
 * The site model of this edition, shared by every page: built once in a build; in `npm run dev` once per
 * change to the digests, the site's code or what the entries say in their frontmatter. An edit to a retro's
 * prose only re-reads the entries, which leave the model as it was.
 */
export async function loadSite(): Promise<SiteModel> {
	const contentDir = resolveContentDir(process.cwd());
	const { entries, version } = await loadEntries(contentDir);
	return memos.site(version, async () => buildModel(entries, await loadDigests(contentDir)));
}

async function loadEntries(contentDir: string) {
	const generation = readArchiveGeneration();
	const entries = await memos.entries(String(generation.entries), () => loadEntriesNow(contentDir));
	return { entries, version: `${entries.fingerprint}.${generation.digests}.${generation.source}` };
}

function buildModel(entries: Entries, runs: ReadDigest[]): SiteModel {
	const audience = resolveAudience();
	return buildSiteModel({ ...selectForAudience({ ...entries.collections, runs }, audience), options: entries.options, audience });
}

/**
 * The archive's run index when it lists the digests as they are now, read once per version of the digests;
 * undefined when there is none or it is out of date.
 */
function loadCurrentIndex(contentDir: string): Promise<RunIndex | undefined> {
	return memos.runIndex(String(readArchiveGeneration().digests), async () => {
		const { index } = await readRunIndex(contentDir);
		return index && (await isRunIndexCurrent(contentDir, index)) ? index : undefined;
	});
}

// A build reads every digest once for all its pages; `HINDSIGHT_SCOPED_MONTHS=1` builds month pages as
// `npm run dev` serves them, so that a test can compare the two.
const scopeMonthPages = () => import.meta.env.DEV || process.env['HINDSIGHT_SCOPED_MONTHS'] === '1';

/**
 * The site model a month page is rendered from. In `npm run dev`, when the run index is current, it is
 * built from the digests that page shows (`listMonthDigests`): on the ten-year benchmark archive, six of
 * 120 for its month page, so the first page does not wait for all of them. The other months are there without their runs,
 * for the links to the previous and next month. Otherwise it is the whole site's model.
 */
export async function loadMonthSite(month: string): Promise<SiteModel> {
	if (!scopeMonthPages()) return loadSite();
	const contentDir = resolveContentDir(process.cwd());
	const { entries, version } = await loadEntries(contentDir);
	const index = await loadCurrentIndex(contentDir);
	if (!index) return loadSite();
	return memos.monthSite(`${version}.${month}`, async () => {
		const needed = listMonthDigests(month, index, entries.collections);
		const read = await readDigests(contentDir, digestFilesOf(contentDir), needed);
		return buildModel(entries, [...read, ...standInDigests(index, needed)]);
	});
}

/** Empty digests for the months of the index not in `read`: the months are there, their runs are not. */
function standInDigests(index: RunIndex, read: ReadonlySet<string> = new Set()): ReadDigest[] {
	return index.digests
		.filter(({ month }) => !read.has(month))
		.map(({ month }) => ({ id: month, data: { schemaVersion: DIGEST_SCHEMA_VERSION, month, sources: [], runs: [], lessons: [] } }));
}

/** The months that have a page; in `npm run dev`, with a current run index, known without reading a digest. */
export async function listMonthPages(): Promise<string[]> {
	const contentDir = resolveContentDir(process.cwd());
	const index = scopeMonthPages() ? await loadCurrentIndex(contentDir) : undefined;
	const site = index ? buildModel((await loadEntries(contentDir)).entries, standInDigests(index)) : await loadSite();
	return site.months.map(({ month }) => month);
}

/**
 * The site model of the page being rendered: the one its page put in `Astro.locals` (a month page's, in
 * `npm run dev`), else the whole site's. Components inside a page take it from here, so that they never
 * make a month page read every digest.
 */
export async function loadPageSite(locals: App.Locals): Promise<SiteModel> {
	return locals.site ?? loadSite();
}
