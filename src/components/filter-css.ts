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

/** One filter of a listing whose items are each wrapped, one wrapper per filter, in `.<wrapper>` elements carrying `attribute`. */
export interface WrapperFilter {
	/** Class of this filter's wrapper around each item. */
	wrapper: string;
	attribute: string;
	/** Selector of a control in its state that turns this filter on (a radio other than "any", a targeted note). */
	active: string;
	/** Each value, with the id of the element (before the listing, as its sibling) whose state chooses it. */
	values: readonly { value: string; id: string }[];
}

/**
 * Rules for filters whose controls stand before the listing as its siblings: radio buttons
 * (`state` `:checked`), or notes that a link targets (`:target`; CSS reads the URL's fragment where
 * it cannot read a query string, so a view is a link). While a filter is on, its wrappers are hidden
 * except those whose attribute holds the chosen value as a word; since every filter has its own
 * wrapper around each item, an item shows only if every filter lets it through (AND). The section
 * headings are hidden too, so that months left empty leave no trace.
 *
 * Written for speed on thousands of items: every rule's last part names a wrapper class (and the
 * value), so the browser tests few rules per element, and no rule asks an ancestor `:has()` about
 * the controls, which made Chromium spend over a minute styling a ten-year lesson archive.
 */
export function wrapperFilterCss(list: string, headings: string, filters: readonly WrapperFilter[], state: ':checked' | ':target'): string {
	const hide = filters.flatMap(({ wrapper, active }) => [`${active} ~ ${list} .${wrapper}{display:none}`, `${active} ~ ${list} ${headings}{display:none}`]);
	// Shown after hidden, with a specificity at least as high, so that the chosen value wins.
	const show = filters.flatMap(({ wrapper, attribute, values }) =>
		values.map(
			({ value, id }) =>
				`${state === ':checked' ? 'input' : ''}[id=${cssString(id)}]${state} ~ ${list} .${wrapper}[${attribute}~=${cssString(value)}]{display:block}`
		)
	);
	return [...hide, ...show].join('\n');
}
