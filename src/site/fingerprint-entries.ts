import { createHash } from 'node:crypto';

/**
 * A fingerprint of what the site model is built from in a set of entries: their ids and frontmatter, not
 * their bodies. Pages render a body from its entry when they show it, so an edit to the prose of a retro
 * leaves the fingerprint, and the site model built for it, as they were.
 */
export function fingerprintEntries(collections: Record<string, readonly { id: string; data: unknown }[]>): string {
	const hash = createHash('sha1');
	for (const name of Object.keys(collections).sort()) {
		hash.update(`\u0000${name}`);
		for (const { id, data } of collections[name]!) hash.update(`\u0001${id}\u0002${JSON.stringify(data)}`);
	}
	return hash.digest('hex');
}
