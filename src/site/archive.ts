import { getCollection } from 'astro:content';
import { noteArchiveChange, readArchiveGeneration } from '../archive/archive-generation.ts';
import { resolveContentDir } from '../archive/content-dir.ts';
import { type DigestFileCache, type ReadDigest, readDigests, rememberDigests } from '../archive/read-digests.ts';
import { readSiteOptions } from '../archive/site-options.ts';
import { takeValidatedRuns } from '../archive/validated-runs.ts';
import { resolveAudience, selectForAudience } from '../model/audience.ts';
import { buildSiteModel, type SiteModel } from '../model/site-model.ts';
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
	[KEY]?: { digests: LatestMemo<ReadDigest[]>; digestFiles: Map<string, DigestFileCache>; entries: LatestMemo<Entries>; site: LatestMemo<SiteModel> };
};
holder[KEY] ??= { digests: memoiseLatest(), digestFiles: new Map(), entries: memoiseLatest(), site: memoiseLatest() };
const memos = holder[KEY];

/**
 * The run digests, read once per version, and after a change only the files that changed. Digests are not
 * in the content layer: they can hold tens of thousands of runs, which the content store would copy and
 * cache for no gain. The first load takes those the archive check has just validated (a build, `npm run
 * dev` as it starts).
 */
function loadDigests(contentDir: string): Promise<ReadDigest[]> {
	const { digests } = readArchiveGeneration();
	const files = memos.digestFiles.get(contentDir) ?? new Map();
	memos.digestFiles.set(contentDir, files);
	return memos.digests(String(digests), async () => {
		const validated = digests === 0 ? await takeValidatedRuns(contentDir) : undefined;
		if (!validated) return readDigests(contentDir, files);
		await rememberDigests(contentDir, validated.runs, validated.readSince, files);
		return validated.runs;
	});
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
	const generation = readArchiveGeneration();
	const entries = await memos.entries(String(generation.entries), () => loadEntriesNow(contentDir));
	return memos.site(`${entries.fingerprint}.${generation.digests}.${generation.source}`, async () => {
		const runs = await loadDigests(contentDir);
		const audience = resolveAudience();
		return buildSiteModel({ ...selectForAudience({ ...entries.collections, runs }, audience), options: entries.options, audience });
	});
}
