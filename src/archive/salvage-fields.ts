import type { z } from 'astro/zod';

interface SchemaDef {
	type: string;
	innerType?: z.ZodType;
	element?: z.ZodType;
	shape?: Record<string, z.ZodType>;
}

/** What is left of data that failed its schema: every field optional, a list item `undefined` when it is invalid. */
export type Salvaged<T> = T extends readonly (infer U)[] ? (Salvaged<U> | undefined)[] : T extends object ? { [K in keyof T]?: Salvaged<T[K]> } : T;

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/**
 * The fields of `data` that are valid on their own under the object schema `schema`, each parsed by its
 * own schema; of a list, the items that are valid. A file that fails its schema is still checked for
 * references, ids and lifecycle rules with what it holds, so one bad field never hides the others.
 */
export function salvageFields<T extends z.ZodType>(schema: T, data: Record<string, unknown>): Salvaged<z.output<T>> {
	const shape = defOf(schema).shape ?? {};
	const kept: Record<string, unknown> = {};
	for (const [key, fieldSchema] of Object.entries(shape)) {
		const whole = fieldSchema.safeParse(data[key]);
		if (whole.success) {
			kept[key] = whole.data;
			continue;
		}
		const element = findElementSchema(fieldSchema);
		const value = data[key];
		if (element && Array.isArray(value)) kept[key] = salvageItems(element, value);
	}
	return kept as Salvaged<z.output<T>>;
}

function salvageItems(element: z.ZodType, items: readonly unknown[]): unknown[] {
	// Items keep their positions, so that what is reported about them names the right index.
	return items.map((item) => {
		const parsed = element.safeParse(item);
		if (parsed.success) return parsed.data;
		const nested = defOf(element).shape;
		return nested && typeof item === 'object' && item !== null ? salvageFields(element, item as Record<string, unknown>) : undefined;
	});
}

function findElementSchema(schema: z.ZodType): z.ZodType | undefined {
	const def = defOf(schema);
	if (def.type === 'array') return def.element;
	if ((def.type === 'default' || def.type === 'optional' || def.type === 'prefault') && def.innerType) return findElementSchema(def.innerType);
	return undefined;
}
