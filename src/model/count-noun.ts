/** A count with its noun in the right number: `1 run`, `12 runs`, `1 person`, `3 people`. */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
	return `${count} ${count === 1 ? singular : plural}`;
}
