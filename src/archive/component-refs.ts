/** The components authors may use in MDX, and the attribute of each that names another entry. */
export const MDX_COMPONENTS = {
	DecisionRef: { attribute: 'id', kind: 'decisions' },
	Lesson: { attribute: 'id', kind: 'lessons' },
	RunTable: { attribute: 'experiment', kind: 'experiments' },
	MetricChart: { attribute: 'experiment', kind: 'experiments' },
	MetricValue: { attribute: 'run', kind: 'runs' },
} as const;

export type MdxComponentName = keyof typeof MDX_COMPONENTS;

/** A component used in an MDX body, with the entry it names (if any) and its 1-based body line. */
export interface ComponentUse {
	name: string;
	line: number;
	/** The value of the attribute that names an entry, when the component is known and has it. */
	target?: { kind: (typeof MDX_COMPONENTS)[MdxComponentName]['kind']; value: string } | undefined;
}

const CODE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$|`[^`\n]*`/gm;
const TAG = /<([A-Z][A-Za-z0-9]*)\b([^>]*)>/g;

/** Finds every capitalised JSX tag in an MDX body (outside code) and what entry it names. */
export function findComponentUses(body: string): ComponentUse[] {
	const text = body.replace(CODE, (code) => code.replace(/[^\n]/g, ' '));
	return [...text.matchAll(TAG)].map((match) => {
		const [, name = '', attributes = ''] = match;
		const line = text.slice(0, match.index).split('\n').length;
		const spec = MDX_COMPONENTS[name as MdxComponentName] as (typeof MDX_COMPONENTS)[MdxComponentName] | undefined;
		if (!spec) return { name, line };
		const value = new RegExp(`\\b${spec.attribute}\\s*=\\s*["']([^"']+)["']`).exec(attributes)?.[1];
		return { name, line, target: value === undefined ? undefined : { kind: spec.kind, value } };
	});
}
