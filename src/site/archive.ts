import { getCollection } from 'astro:content';
import { resolveContentDir } from '../lib/content-dir.ts';
import { resolveAudience, selectForAudience } from '../lib/audience.ts';
import { buildSiteModel, type SiteModel } from '../lib/site-model.ts';
import { readSiteOptions } from '../lib/site-options.ts';

let model: Promise<SiteModel> | undefined;

/** The site model of this build's edition, built once from the content collections and shared by every page. */
export function loadSite(): Promise<SiteModel> {
	model ??= (async () => {
		const [people, decisions, experiments, retros, runs, { options }] = await Promise.all([
			getCollection('people'),
			getCollection('decisions'),
			getCollection('experiments'),
			getCollection('retros'),
			getCollection('runs'),
			// The integration has already validated the options file, so problems here were reported.
			readSiteOptions(resolveContentDir(process.cwd())),
		]);
		const audience = resolveAudience();
		return buildSiteModel({ ...selectForAudience({ people, decisions, experiments, retros, runs }, audience), options, audience });
	})();
	return model;
}
