import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyFixtureArchive } from '../helpers.ts';

/**
 * The fixture archive with an earlier year: an internal retro of November 2025 whose one lesson shares
 * a tag with a 2026 lesson, so that the lesson archive has two year pages and a tag spans both. A
 * public edition of it has no lesson of 2025.
 */
export const EARLIER_RETRO = `---
month: 2025-11
title: Labels before models
authors: [cleo]
summary: An audit of the labels came before any training.
lessons:
  - id: audit-labels-first
    title: Audit the labels before the first training run
    detail: A tenth of the labels were wrong; no model would have shown it.
    tags: [data-quality]
tags: [data-quality]
visibility: internal
---
## What happened
Cleo audited the labels.
`;

/** Copies the fixture archive and adds the retro of November 2025. */
export async function copyTwoYearArchive(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
	const copy = await copyFixtureArchive();
	await writeFile(join(copy.dir, 'retros/2025-11.mdx'), EARLIER_RETRO);
	return copy;
}
