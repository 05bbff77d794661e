// The site model on its own, built from the fixture archive as the archive check reads it: no Astro, no pages.
import { beforeAll, describe, expect, it } from 'vitest';
import { validateArchive } from '../../src/archive/validate-archive.ts';
import { selectForAudience } from '../../src/model/audience.ts';
import { buildSiteModel, type SiteModel } from '../../src/model/site-model.ts';
import { FIXTURE_ARCHIVE } from '../helpers.ts';

async function modelFor(audience: 'restricted' | 'public'): Promise<SiteModel> {
	const { archive, options, issues } = await validateArchive(FIXTURE_ARCHIVE);
	expect(issues).toEqual([]);
	return buildSiteModel({ ...selectForAudience(archive, audience), options, audience });
}

describe('buildSiteModel', () => {
	let model: SiteModel;
	beforeAll(async () => {
		model = await modelFor('restricted');
	});

	it('has a month for every retro and digest, linked to its neighbours, compared with the latest earlier month with runs', () => {
		expect(model.months.map((m) => [m.month, m.previous, m.next, m.comparedWith])).toEqual([
			['2026-01', undefined, '2026-02', undefined],
			['2026-02', '2026-01', undefined, '2026-01'],
		]);
		const february = model.monthByKey.get('2026-02')!;
		expect(february.runs.map((r) => r.id)).toEqual(['manifest:warmup-a', 'manifest:warmup-b']);
		expect(february.decisions.map((d) => d.data.id)).toEqual(['DR-0002', 'DR-0003', 'DR-0004']);
		expect(february.metricChanges.some((change) => change.metric === 'val_loss')).toBe(true);
	});

	it('credits the retro authors first, then everyone else who took part, by id', () => {
		expect(model.monthByKey.get('2026-02')!.contributors).toEqual(['ada', 'ben', 'cleo']);
	});

	it('derives superseded-by from supersedes, several successors allowed', () => {
		expect(model.successors.get('DR-0001')).toEqual(['DR-0002', 'DR-0003']);
		expect(model.successors.get('DR-0004')).toBeUndefined();
	});

	it("maps run users to people through their aliases, and selects an experiment's runs by its run selector", () => {
		expect(model.personOfUser('apark')).toBe('ada');
		expect(model.personOfUser('nobody')).toBeUndefined();
		expect(model.runsOfExperiment('warmup-trial').map((r) => r.id)).toEqual(['manifest:baseline', 'manifest:warmup-a', 'manifest:warmup-b']);
		expect(model.monthOfRun(model.runById.get('manifest:baseline')!)).toBe('2026-01');
	});

	it('collects lessons from retros, experiments and runs, each credited and filed under its month', () => {
		const bySource = Object.groupBy(model.lessons, (lesson) => lesson.source);
		expect(bySource.retro?.map((l) => l.id)).toContain('review-preprocessing-first');
		expect(bySource.experiment?.map((l) => l.id)).toContain('warmup-needs-schedule-logging');
		expect(bySource.run).toHaveLength(1);
		const review = model.lessons.find((l) => l.id === 'review-preprocessing-first')!;
		expect([review.month, review.people]).toEqual(['2026-02', ['ada', 'ben', 'cleo']]);
	});

	it("gathers one person's activity across the archive", () => {
		const ada = model.activityOf('ada');
		expect(ada.decided.map((d) => d.data.id)).toEqual(['DR-0001', 'DR-0002', 'DR-0004']);
		expect(ada.experiments.map((e) => e.id)).toEqual(['warmup-trial']);
		expect(ada.runs.map((r) => r.id)).toEqual(['manifest:baseline', 'manifest:warmup-a']);
	});

	it('holds only what the edition may see', async () => {
		const publicModel = await modelFor('public');
		expect(publicModel.audience).toBe('public');
		expect(publicModel.personById.has('ben')).toBe(false);
		expect(publicModel.allRuns).toEqual([]);
	});
});
