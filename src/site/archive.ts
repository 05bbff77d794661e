import { getCollection } from 'astro:content';
import { resolveContentDir } from '../archive/content-dir.ts';
import { resolveAudience, selectForAudience } from '../model/audience.ts';
import { buildSiteModel, type SiteModel } from '../model/site-model.ts';
import { readSiteOptions } from '../archive/site-options.ts';
import { readDigests } from '../archive/read-digests.ts';
import { takeValidatedRuns } from '../archive/validated-runs.ts';

let model: Promise<SiteModel> | undefined;

/** The site model of this build's edition, built once from the content collections and shared by every page. */
export function loadSite(): Promise<SiteModel> {
	// In `npm run dev` the archive changes under the server (an ingest, an edit), so every request reads it.
	if (import.meta.env.DEV) model = undefined;
	model ??= (async () => {
		const contentDir = resolveContentDir(process.cwd());
		const [people, decisions, experiments, retros, runs, { options }] = await Promise.all([
			getCollection('people'),
			getCollection('decisions'),
			getCollection('experiments'),
			getCollection('retros'),
			// Digests are not in the content layer: they can hold tens of thousands of runs, which the
			// content store would copy and cache for no gain. A build takes those the archive check has
			// just validated; otherwise (dev) they are read here.
			takeValidatedRuns(contentDir) ?? readDigests(contentDir),
			readSiteOptions(contentDir),
		]);
		const audience = resolveAudience();
		return buildSiteModel({ ...selectForAudience({ people, decisions, experiments, retros, runs }, audience), options, audience });
	})();
	return model;
}
