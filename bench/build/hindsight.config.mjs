// @ts-check
// Hindsight's own astro.config.mjs, unchanged, with the Vite/Astro cache moved to a folder the build
// benchmark empties before each build (BENCH_CACHE_DIR), so that every measured build is cold and
// the benchmark never touches the cache of the engineers building in the same checkout.
import config from '../../astro.config.mjs';

const cacheDir = process.env.BENCH_CACHE_DIR;
export default cacheDir ? { ...config, cacheDir, vite: { ...config.vite, cacheDir: `${cacheDir}/vite` } } : config;
