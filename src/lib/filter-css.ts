/**
 * Filters for long listings written as CSS instead of scripts: `:has()` reads which boxes are ticked or
 * which option is chosen, and rules hide the items that do not match. A hidden item is hidden by any
 * filter that rejects it, so filters combine as AND; within a group of boxes they combine as OR.
 * Without `:has()` support nothing is hidden and the listing stays complete.
 */

/** Quotes a value for a CSS attribute selector. */
export function cssString(value: string): string {
	return `"${value.replace(/["\\]/g, (character) => `\\${character}`).replace(/\n/g, '\\a ')}"`;
}

/** A group of checkboxes named `name` that narrows items by the space-separated words of `attribute`. */
export interface CheckboxGroup {
	name: string;
	attribute: string;
	/** Every value of `attribute` the items carry, as written on them (`"preprocessing evaluation"`). */
	itemValues: Iterable<string>;
}

/**
 * Rules for checkbox groups: while any box of a group is ticked, an item is hidden when none of its
 * words has a ticked box. One rule per distinct attribute value, so the CSS grows with the kinds of
 * items, not with their number.
 */
export function checkboxFilterCss(scope: string, item: string, groups: readonly CheckboxGroup[]): string {
	const rules: string[] = [];
	for (const { name, attribute, itemValues } of groups) {
		const active = `:has(input[name=${cssString(name)}]:checked)`;
		for (const value of [...new Set(itemValues)].sort()) {
			const words = value.split(' ').filter(Boolean);
			const unticked = words.map((word) => `:has(input[name=${cssString(name)}][value=${cssString(word)}]:not(:checked))`).join('');
			rules.push(`${scope}${active}${unticked} ${item}[${attribute}=${cssString(value)}]{display:none}`);
		}
	}
	return rules.join('\n');
}

/** A select named `name` whose chosen option keeps the items whose `attribute` holds that word. */
export interface SelectFilter {
	name: string;
	attribute: string;
	values: Iterable<string>;
}

/**
 * Rules for single-choice selects: when an option other than the empty one is chosen, items whose
 * attribute does not contain its value as a word are hidden, and so are `sections` that contain no
 * such item (so that no heading stands over an empty list).
 */
export function selectFilterCss(scope: string, item: string, filters: readonly SelectFilter[], sections?: string): string {
	const rules: string[] = [];
	for (const { name, attribute, values } of filters) {
		for (const value of [...new Set(values)].sort()) {
			const chosen = `${scope}:has(select[name=${cssString(name)}] option[value=${cssString(value)}]:checked)`;
			const match = `[${attribute}~=${cssString(value)}]`;
			rules.push(`${chosen} ${item}:not(${match}){display:none}`);
			if (sections) rules.push(`${chosen} ${sections}:not(:has(${item}${match})){display:none}`);
		}
	}
	return rules.join('\n');
}

/** Values an anchor on the page stands for: while it is the URL's target, only items with the value show. */
export interface LinkedFilter {
	attribute: string;
	values: readonly { value: string; anchor: string }[];
}

/**
 * Rules for filters kept in the URL's fragment, which CSS can read through `:target` where it cannot
 * read a query string: `page/#tag-data-quality` shows the lessons tagged `data-quality`. One value at
 * a time; the selects narrow further.
 */
export function linkedFilterCss(scope: string, item: string, filters: readonly LinkedFilter[], sections?: string): string {
	const rules: string[] = [];
	for (const { attribute, values } of filters) {
		for (const { value, anchor } of values) {
			const targeted = `${scope}:has([id=${cssString(anchor)}]:target)`;
			const match = `[${attribute}~=${cssString(value)}]`;
			rules.push(`${targeted} ${item}:not(${match}){display:none}`);
			if (sections) rules.push(`${targeted} ${sections}:not(:has(${item}${match})){display:none}`);
		}
	}
	return rules.join('\n');
}
