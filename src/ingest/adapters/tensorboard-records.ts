// TFRecord framing of TensorBoard event files (run-formats.md §10.1): each record is a uint64 LE length,
// the masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the data.
import CRC32C from 'crc-32/crc32c.js';

const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;
const MASK_DELTA = 0xa282ead8;

/** TFRecord's masked CRC32C of `bytes`, as an unsigned 32-bit number. */
export function maskedCrc32c(bytes: Uint8Array): number {
	const crc = CRC32C.buf(bytes) >>> 0;
	return (((crc >>> 15) | (crc << 17)) + MASK_DELTA) >>> 0;
}

/** The records of one file, and how far they were read. */
export interface RecordScan {
	/** Where each whole record's data (one serialized `Event`) starts in the file, in file order. */
	starts: number[];
	/** Each whole record's data length. */
	lengths: number[];
	/** Offset just after the last whole, valid record: where a later read would go on. */
	end: number;
	/** A record cut short at the end of the file: still being written, or cut by a crash. */
	truncated: boolean;
	/** Why reading stopped before the end, when a checksum did not match (the rest is not trusted). */
	corruption: string | null;
}

/**
 * Splits a file's bytes into TFRecord records. A record whose header or body runs past the end is
 * taken as not yet written (TensorBoard waits for it); a checksum mismatch is corruption and stops the
 * file there, since nothing after a bad length can be framed again.
 */
export function scanRecords(bytes: Uint8Array): RecordScan {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// The 8 length bytes are copied into one buffer rather than viewed: a view per record is an allocation per record
	const lengthBytes = new Uint8Array(8);
	const starts: number[] = [];
	const lengths: number[] = [];
	let offset = 0;
	while (offset < bytes.length) {
		if (bytes.length - offset < HEADER_BYTES) return { starts, lengths, end: offset, truncated: true, corruption: null };
		const lengthCrc = view.getUint32(offset + 8, true);
		for (let k = 0; k < 8; k++) lengthBytes[k] = bytes[offset + k]!;
		if (maskedCrc32c(lengthBytes) !== lengthCrc) {
			return {
				starts,
				lengths,
				end: offset,
				truncated: false,
				corruption: `record ${starts.length + 1} at byte ${offset}: the length's checksum does not match`,
			};
		}
		const length = Number(view.getBigUint64(offset, true));
		const dataStart = offset + HEADER_BYTES;
		if (bytes.length - dataStart < length + FOOTER_BYTES) return { starts, lengths, end: offset, truncated: true, corruption: null };
		if (maskedCrc32c(bytes.subarray(dataStart, dataStart + length)) !== view.getUint32(dataStart + length, true)) {
			return {
				starts,
				lengths,
				end: offset,
				truncated: false,
				corruption: `record ${starts.length + 1} at byte ${offset}: the data's checksum does not match`,
			};
		}
		starts.push(dataStart);
		lengths.push(length);
		offset = dataStart + length + FOOTER_BYTES;
	}
	return { starts, lengths, end: offset, truncated: false, corruption: null };
}
