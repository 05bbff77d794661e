/**
 * Run by build-memory.test.ts in a fresh process, since it changes the whole process's heap: makes
 * ~0.5 GB of garbage, then reports the resident memory around `releaseFreedMemory`.
 */
import { releaseFreedMemory } from '../../../src/integrations/build-memory.ts';

const MB = 2 ** 20;
let garbage: object[] | undefined = [];
for (let i = 0; i < 3_000_000; i++) garbage.push({ i, text: `garbage ${i}`, list: [i] });
garbage = undefined;
const { before, after } = releaseFreedMemory();
console.log(JSON.stringify({ beforeMB: before / MB, afterMB: after / MB }));
