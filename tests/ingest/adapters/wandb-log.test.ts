import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { frameWandbLog } from '../../../bench/wandb-log-writer.ts';
import { NotAWandbLogError, readWandbLogFrames, WANDB_BLOCK_SIZE } from '../../../src/ingest/adapters/wandb-log.ts';

const HEADER = [0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00];

/** A chunk built byte by byte, independently of the project's writer. */
function chunk(type: number, payload: number[], checksum = crc32(Uint8Array.of(type, ...payload))): number[] {
	return [checksum & 0xff, (checksum >>> 8) & 0xff, (checksum >>> 16) & 0xff, checksum >>> 24, payload.length & 0xff, payload.length >> 8, type, ...payload];
}

function payloads(count: number, size: (i: number) => number): Uint8Array[] {
	return Array.from({ length: count }, (_, i) => Uint8Array.from({ length: size(i) }, (_, k) => (i * 31 + k) & 0xff));
}

describe('.wandb log framing', () => {
	it('reads a FULL chunk whose checksum is IEEE CRC-32 over type byte and payload', () => {
		const bytes = Uint8Array.from([...HEADER, ...chunk(1, [8, 1]), ...chunk(1, [8, 2])]);
		expect(readWandbLogFrames(bytes, 'run-a.wandb')).toEqual({ records: [Uint8Array.of(8, 1), Uint8Array.of(8, 2)], warnings: [], truncated: false });
	});

	it('joins FIRST, MIDDLE and LAST chunks, and skips the zero padding at the end of a block', () => {
		const records = payloads(6, (i) => (i === 2 ? 3 * WANDB_BLOCK_SIZE : 20_000));
		const bytes = frameWandbLog(records);
		// The writer spread the big record over four blocks
		expect(bytes.length).toBeGreaterThan(5 * WANDB_BLOCK_SIZE);
		const read = readWandbLogFrames(bytes, 'run-a.wandb');
		expect(read.warnings).toEqual([]);
		expect(read.records).toEqual(records);
	});

	it('keeps every whole record of a log cut off mid-chunk or mid-record, and says so', () => {
		const records = payloads(8, () => 9000);
		const bytes = frameWandbLog(records);
		for (const cut of [bytes.length - 1, bytes.length - 9003, WANDB_BLOCK_SIZE + 10, 7 + 3]) {
			const read = readWandbLogFrames(bytes.subarray(0, cut), 'run-a.wandb');
			expect(read.truncated, `cut at ${cut}`).toBe(true);
			expect(read.records).toEqual(records.slice(0, read.records.length));
			expect(read.warnings).toHaveLength(1);
			expect(read.warnings[0]).toMatch(/^run-a\.wandb: log ends inside a (chunk|record)/);
		}
		// Cut inside a chunk header, and between the chunks of a record spanning two blocks
		expect(readWandbLogFrames(bytes.subarray(0, 7 + 3), 'x').warnings[0]).toContain('inside a chunk header');
		const spanning = frameWandbLog(payloads(1, () => 40_000));
		expect(readWandbLogFrames(spanning.subarray(0, WANDB_BLOCK_SIZE), 'x')).toMatchObject({
			records: [],
			truncated: true,
			warnings: [expect.stringContaining('FIRST chunk with no LAST')],
		});
	});

	it('a log ending exactly on a block boundary is complete as far as the framing can tell', () => {
		// One record filling the first block to the byte
		const bytes = frameWandbLog(payloads(1, () => WANDB_BLOCK_SIZE - 14));
		expect(bytes.length).toBe(WANDB_BLOCK_SIZE);
		expect(readWandbLogFrames(bytes, 'x')).toMatchObject({ warnings: [], truncated: false });
	});

	it('skips the rest of the block of a chunk with a bad checksum and reads on from the next block', () => {
		const records = payloads(12, () => 6000);
		const bytes = frameWandbLog(records);
		const corrupted = Uint8Array.from(bytes);
		corrupted[7 + 7 + 6000 + 7 + 100]! ^= 0xff; // inside the second record's payload
		const read = readWandbLogFrames(corrupted, 'run-a.wandb');
		expect(read.warnings).toEqual([
			'run-a.wandb: chunk with a bad checksum (IEEE CRC-32 over type and payload); the rest of its block was skipped (at byte 6014)',
		]);
		expect(read.truncated).toBe(false);
		expect(read.records[0]).toEqual(records[0]);
		// The second to the sixth record sat in the first block (or began there); everything after is back
		const resumed = records.findIndex((r) => r === records.find((x) => read.records[1]?.every((b, k) => b === x[k])));
		expect(resumed).toBeGreaterThan(4);
		expect(read.records.slice(1)).toEqual(records.slice(resumed));
	});

	it("a masked CRC32C (LevelDB's own checksum) is not W&B's and fails the check", () => {
		const bytes = Uint8Array.from([...HEADER, ...chunk(1, [8, 1], 0xa282ead8)]);
		expect(readWandbLogFrames(bytes, 'x')).toMatchObject({ records: [], warnings: [expect.stringContaining('bad checksum')] });
	});

	it('an unknown chunk type or a chunk overrunning its block drops the rest of the block', () => {
		const unknown = Uint8Array.from([...HEADER, ...chunk(1, [8, 1]), ...chunk(9, [8, 2]), ...chunk(1, [8, 3])]);
		expect(readWandbLogFrames(unknown, 'x')).toMatchObject({ records: [Uint8Array.of(8, 1)], warnings: [expect.stringContaining('unknown chunk type 9')] });
		const overrun = Uint8Array.from([...HEADER, ...chunk(1, [8, 1]), 0, 0, 0, 0, 0xff, 0xff, 1, ...new Array(WANDB_BLOCK_SIZE).fill(0)]);
		expect(readWandbLogFrames(overrun, 'x')).toMatchObject({
			records: [Uint8Array.of(8, 1)],
			warnings: [expect.stringContaining('longer than the rest of its 32 KiB block')],
		});
	});

	it('refuses a file that is not a W&B log, naming what it found', () => {
		expect(() => readWandbLogFrames(new Uint8Array(0), 'run-a.wandb')).toThrow(
			new NotAWandbLogError('run-a.wandb: not a W&B transaction log: expected the header ":W&B" e1 be 00 (7 bytes), found an empty file')
		);
		expect(() => readWandbLogFrames(Uint8Array.from([0x7b, 0x22, 0x61]), 'x')).toThrow(/found the bytes 7b 22 61/);
	});
});
