// Apart from digest.ts so that ingest's worker threads, which need the number but not the schema, do not
// load zod (a tenth of a second of CPU per worker).

/** The most points a metric's downsampled series may hold. */
export const MAX_SERIES_POINTS = 64;
