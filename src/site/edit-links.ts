import { COLLECTION_DIRS, type CollectionName } from '../archive/content-dir.ts';
import { buildEditUrl } from '../model/edit-url.ts';
import type { SiteOptions } from '../schemas/index.ts';

/**
 * The "Edit this page" address of an entry, from the file Astro's content layer read it from; undefined
 * when `editUrl` is not set or the entry has no file.
 */
export function editUrlOf(options: SiteOptions, collection: CollectionName, entry: { filePath?: string | undefined } | undefined): string | undefined {
	const fileName = entry?.filePath?.split(/[\\/]/).at(-1);
	return fileName ? buildEditUrl(options.editUrl, `${COLLECTION_DIRS[collection]}/${fileName}`) : undefined;
}
