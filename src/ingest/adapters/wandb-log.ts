// The framing of W&B's transaction log `run-<id>.wandb` (run-formats.md §3.7): a 7-byte file header,
// then LevelDB-log blocks of 32 KiB holding chunks (FULL, or FIRST, MIDDLE…, LAST) that make up records.
import { crc32 } from 'node:zlib';

/** Size of a block; a chunk never crosses a block boundary. */
export const WANDB_BLOCK_SIZE = 32 * 1024;
/** `:W&B`, the magic 0xBEE1 little-endian, version 0. */
export const WANDB_LOG_HEADER = Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00);
/** Checksum (uint32 LE), length (uint16 LE), type (uint8). */
export const WANDB_CHUNK_HEADER_SIZE = 7;

/** Chunk types of the LevelDB log format. */
export const ChunkType = { full: 1, first: 2, middle: 3, last: 4 } as const;

/** What the framing gave: each record's payload in log order, and what was wrong with the log. */
export interface WandbLogFrames {
	records: Uint8Array[];
	/** Problems met, each once with a count; everything before and after a damaged block is kept. */
	warnings: string[];
	/** True when the log ends inside a chunk or a record (a run killed mid-write, or still writing). */
	truncated: boolean;
}

/** Thrown for a file that is not a W&B transaction log at all. */
export class NotAWandbLogError extends Error {}

/** Counts problems of one kind and remembers where the first was, so a badly damaged log gives one line per kind. */
class Problems {
	private readonly seen = new Map<string, { count: number; first: number }>();
	note(kind: string, offset: number): void {
		const entry = this.seen.get(kind);
		if (entry) entry.count++;
		else this.seen.set(kind, { count: 1, first: offset });
	}
	describe(name: string): string[] {
		return [...this.seen].map(
			([kind, { count, first }]) => `${name}: ${count === 1 ? kind : `${count} × ${kind}`} (${count === 1 ? 'at' : 'first at'} byte ${first})`
		);
	}
}

function describeBytes(bytes: Uint8Array): string {
	return bytes.length === 0 ? 'an empty file' : `the bytes ${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}

function joinParts(parts: Uint8Array[]): Uint8Array {
	if (parts.length === 1) return parts[0]!;
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/**
 * Splits a `.wandb` log into its records. Each chunk's IEEE CRC-32 over its type byte and payload is
 * checked; a bad checksum, a chunk crossing its block or an unknown chunk type drops the rest of that
 * block (and a record begun there), as W&B's own reader does, and reading goes on at the next block.
 * A log cut off inside a chunk or a record keeps every whole record before the cut. `name` is how
 * warnings name the file. Throws {@link NotAWandbLogError} when the header is not W&B's.
 */
export function readWandbLogFrames(bytes: Uint8Array, name: string): WandbLogFrames {
	const header = bytes.subarray(0, WANDB_LOG_HEADER.length);
	if (header.length < WANDB_LOG_HEADER.length || header.some((b, i) => b !== WANDB_LOG_HEADER[i])) {
		throw new NotAWandbLogError(`${name}: not a W&B transaction log: expected the header ":W&B" e1 be 00 (7 bytes), found ${describeBytes(header)}`);
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const records: Uint8Array[] = [];
	const problems = new Problems();
	let truncated = false;
	let partial: Uint8Array[] | null = null;
	let partialAt = 0;
	// After a damaged block, the next block may open with the MIDDLE or LAST of a record already dropped
	let resyncing = false;
	let pos = WANDB_LOG_HEADER.length;
	const end = bytes.length;
	const dropBlock = (kind: string, at: number) => {
		problems.note(kind, at);
		if (partial) partial = null;
		resyncing = true;
		return (Math.floor(at / WANDB_BLOCK_SIZE) + 1) * WANDB_BLOCK_SIZE;
	};
	while (pos < end) {
		const blockEnd = (Math.floor(pos / WANDB_BLOCK_SIZE) + 1) * WANDB_BLOCK_SIZE;
		if (blockEnd - pos < WANDB_CHUNK_HEADER_SIZE) {
			pos = blockEnd; // the tail of a block too short for a chunk is zero padding
			continue;
		}
		if (end - pos < WANDB_CHUNK_HEADER_SIZE) {
			problems.note('log ends inside a chunk header (the run was cut off while writing); the records before it are kept', pos);
			truncated = true;
			partial = null;
			break;
		}
		const checksum = view.getUint32(pos, true);
		const length = view.getUint16(pos + 4, true);
		const type = bytes[pos + 6]!;
		if (checksum === 0 && length === 0 && type === 0) {
			pos = blockEnd; // zero fill: a preallocated or padded block holds nothing more
			continue;
		}
		const payloadEnd = pos + WANDB_CHUNK_HEADER_SIZE + length;
		if (payloadEnd > end && end <= blockEnd) {
			problems.note(
				`log ends inside a chunk (${end - pos - WANDB_CHUNK_HEADER_SIZE} of its ${length} bytes written; the run was cut off while writing); the records before it are kept`,
				pos
			);
			truncated = true;
			partial = null;
			break;
		}
		if (payloadEnd > blockEnd) {
			pos = dropBlock('chunk longer than the rest of its 32 KiB block; the rest of the block was skipped', pos);
			continue;
		}
		const payload = bytes.subarray(pos + WANDB_CHUNK_HEADER_SIZE, payloadEnd);
		if (crc32(payload, crc32(bytes.subarray(pos + 6, pos + 7))) !== checksum) {
			pos = dropBlock('chunk with a bad checksum (IEEE CRC-32 over type and payload); the rest of its block was skipped', pos);
			continue;
		}
		if (type === ChunkType.full || type === ChunkType.first) {
			if (partial) problems.note('record begun (FIRST chunk) but never ended (no LAST chunk); dropped', partialAt);
			resyncing = false;
			if (type === ChunkType.full) {
				partial = null;
				records.push(payload);
			} else {
				partial = [payload];
				partialAt = pos;
			}
		} else if (type === ChunkType.middle || type === ChunkType.last) {
			if (partial === null) {
				if (!resyncing) problems.note(`${type === ChunkType.middle ? 'MIDDLE' : 'LAST'} chunk with no FIRST chunk before it; skipped`, pos);
			} else {
				partial.push(payload);
				if (type === ChunkType.last) {
					records.push(joinParts(partial));
					partial = null;
				}
			}
		} else {
			pos = dropBlock(`unknown chunk type ${type} (expected 1 FULL, 2 FIRST, 3 MIDDLE or 4 LAST); the rest of its block was skipped`, pos);
			continue;
		}
		pos = payloadEnd;
	}
	if (partial) {
		problems.note('log ends inside a record (a FIRST chunk with no LAST; the run was cut off while writing); that record was dropped', partialAt);
		truncated = true;
	}
	return { records, warnings: problems.describe(name), truncated };
}
