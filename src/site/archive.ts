import { getCollection } from 'astro:content';
import { buildSiteModel, type SiteModel } from '../lib/site-model.ts';

let model: Promise<SiteModel> | undefined;

/** The site model, built once per build from the content collections and shared by every page. */
export function loadSite(): Promise<SiteModel> {
	model ??= (async () => {
		const [people, decisions, experiments, retros, runs] = await Promise.all([
			getCollection('people'),
			getCollection('decisions'),
			getCollection('experiments'),
			getCollection('retros'),
			getCollection('runs'),
		]);
		return buildSiteModel({ people, decisions, experiments, retros, runs });
	})();
	return model;
}
