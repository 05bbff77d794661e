import { z } from 'astro/zod';
import { monthSchema } from './common.ts';

/** Bumped whenever the index's shape or meaning changes; an index of another version is written again. */
export const RUN_INDEX_SCHEMA_VERSION = 1;

/** One run as the index lists it: what is needed to know which experiment picks it and which month holds it. */
export const indexedRunSchema = z.strictObject({
	/** The run's id, as in its digest. */
	id: z.string().min(1),
	/** The run's display name, if it has one (a retro may name a run by it). */
	name: z.string().nullable(),
	/** The run's experiment name, as in its digest. */
	experiment: z.string().nullable(),
	/** The run's tags, for experiments that pick their runs by tag. */
	tags: z.record(z.string(), z.string()),
});

/** One digest as the index lists it. */
export const indexedDigestSchema = z.strictObject({
	/** The digest's month, `YYYY-MM`: the file `runs/YYYY-MM.json`. */
	month: monthSchema,
	/** The digest file's size in bytes when it was indexed; a digest of another size changed since. */
	bytes: z.number().int().nonnegative(),
	/** The digest's runs, in its order. */
	runs: z.array(indexedRunSchema),
	/** The ids of the lessons the digest holds. */
	lessons: z.array(z.string().min(1)),
});

/**
 * `content/runs/index.json`, written by `npm run ingest` beside the digests: which month holds each run
 * and lesson, so that `npm run dev` can serve a month page from the few digests it shows instead of all.
 */
export const runIndexSchema = z.strictObject({
	/** The index format's version; see `RUN_INDEX_SCHEMA_VERSION`. */
	schemaVersion: z.literal(RUN_INDEX_SCHEMA_VERSION),
	/** One entry per digest, in month order. */
	digests: z.array(indexedDigestSchema),
});

export type IndexedRun = z.infer<typeof indexedRunSchema>;
export type IndexedDigest = z.infer<typeof indexedDigestSchema>;
export type RunIndex = z.infer<typeof runIndexSchema>;
