// Lists a store through one adapter and reads every unit, checking each record against the common run model.
import { expect } from 'vitest';
import type { RunUnit, StoreAdapter } from '../../../src/ingest/adapter.ts';
import { type RunRecord, runRecordSchema } from '../../../src/schemas/run-record.ts';

export async function readStore<Unit extends RunUnit>(adapter: StoreAdapter<Unit>, path: string): Promise<{ units: Unit[]; records: RunRecord[] }> {
	const listing = await adapter.list(path, { previous: () => undefined });
	const records: RunRecord[] = [];
	try {
		for (const unit of listing.units) {
			const record = await adapter.read(unit, listing);
			const checked = runRecordSchema.safeParse(record);
			expect(checked.success, JSON.stringify(checked.error?.issues)).toBe(true);
			records.push(record);
		}
	} finally {
		listing.close?.();
	}
	return { units: listing.units, records };
}
