import type { ViteDevServer } from 'vite';
import { classifyChange, noteArchiveChange } from '../archive/archive-generation.ts';

/**
 * In `npm run dev`, counts changes to what the pages' caches (src/site/archive.ts) are built from and Astro's
 * content layer does not report: the run digests, `hindsight.yaml`, and the site's code in `src/`.
 */
export function watchArchive(server: ViteDevServer, paths: { contentDir: string; sourceDir: string }): void {
	// An archive outside the project is not under Vite's watch, and the content layer watches only its collections.
	server.watcher.add(paths.contentDir);
	server.watcher.on('all', (_event, path) => {
		const part = classifyChange(paths, path);
		if (!part) return;
		noteArchiveChange(part);
		// A new digest can add a month page: Astro forgets the paths it listed when told the content changed.
		if (part === 'digests')
			for (const environment of Object.values(server.environments)) if (environment.name !== 'client') environment.hot.send('astro:content-changed', {});
	});
}
