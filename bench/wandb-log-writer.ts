// Writes W&B transaction logs (`run-<id>.wandb`, run-formats.md §3.7) for the project's own example and
// benchmark stores and for tests: protobuf `Record` messages encoded with @bufbuild/protobuf's wire
// writer, framed in 32 KiB blocks of chunks, each with its IEEE CRC-32 over type byte and payload.

import { crc32 } from 'node:zlib';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

const BLOCK = 32 * 1024;
const CHUNK_HEADER = 7;
const FILE_HEADER = Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00);

/** A config, summary or history entry: a key (or a nested key path) and its value, written as JSON. */
export interface WandbItemInput {
	key: string | string[];
	/** The value's JSON text as W&B writes it (bare `NaN` and `Infinity` allowed). */
	json: string;
}

/** The fields of a W&B `RunRecord` a writer may set. */
export interface WandbRunInput {
	runId: string;
	entity?: string;
	project?: string;
	config?: WandbItemInput[];
	group?: string;
	jobType?: string;
	displayName?: string;
	notes?: string | undefined;
	tags?: string[] | undefined;
	host?: string;
	/** Epoch milliseconds. */
	startMs?: number;
	resumed?: boolean;
	startingStep?: number;
	/** Seconds. */
	runtime?: number;
	git?: { remoteUrl?: string; commit?: string };
}

/** One record to write; `raw` writes any field number with the given bytes, for records of other types. */
export type WandbRecordInput =
	| { run: WandbRunInput }
	| { config: WandbItemInput[] }
	| { history: WandbItemInput[]; step?: number }
	| { summary: WandbItemInput[]; remove?: string[] }
	| { exit: { exitCode?: number; runtime?: number } }
	| { telemetry: { cliVersion?: string; pythonVersion?: string } }
	| { environment: { username?: string; email?: string; host?: string; startMs?: number; git?: { remoteUrl?: string; commit?: string } } }
	| { output: string }
	| { raw: { field: number; bytes: Uint8Array } };

/** A JSON number as W&B writes it: bare `NaN`, `Infinity`, `-Infinity`. */
export function wandbJson(value: unknown): string {
	if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
	return JSON.stringify(value);
}

function writeItem(w: BinaryWriter, field: number, item: WandbItemInput): void {
	w.tag(field, WireType.LengthDelimited).fork();
	if (Array.isArray(item.key)) for (const part of item.key) w.tag(2, WireType.LengthDelimited).string(part);
	else w.tag(1, WireType.LengthDelimited).string(item.key);
	w.tag(16, WireType.LengthDelimited).string(item.json);
	w.join();
}

function writeString(w: BinaryWriter, field: number, value: string | undefined): void {
	// proto3 leaves out empty strings
	if (value) w.tag(field, WireType.LengthDelimited).string(value);
}

function writeTimestamp(w: BinaryWriter, field: number, ms: number): void {
	w.tag(field, WireType.LengthDelimited).fork();
	const seconds = Math.floor(ms / 1000);
	if (seconds) w.tag(1, WireType.Varint).int64(seconds);
	const nanos = Math.round((ms - seconds * 1000) * 1e6);
	if (nanos) w.tag(2, WireType.Varint).int32(nanos);
	w.join();
}

function writeGit(w: BinaryWriter, field: number, git: { remoteUrl?: string; commit?: string }): void {
	w.tag(field, WireType.LengthDelimited).fork();
	writeString(w, 1, git.remoteUrl);
	writeString(w, 2, git.commit);
	w.join();
}

function writeRun(w: BinaryWriter, run: WandbRunInput): void {
	writeString(w, 1, run.runId);
	writeString(w, 2, run.entity);
	writeString(w, 3, run.project);
	if (run.config?.length) {
		w.tag(4, WireType.LengthDelimited).fork();
		for (const item of run.config) writeItem(w, 1, item);
		w.join();
	}
	writeString(w, 6, run.group);
	writeString(w, 7, run.jobType);
	writeString(w, 8, run.displayName);
	writeString(w, 9, run.notes);
	for (const tag of run.tags ?? []) w.tag(10, WireType.LengthDelimited).string(tag);
	writeString(w, 13, run.host);
	if (run.startingStep) w.tag(14, WireType.Varint).int64(run.startingStep);
	if (run.startMs !== undefined) writeTimestamp(w, 17, run.startMs);
	if (run.resumed) w.tag(18, WireType.Varint).bool(true);
	if (run.runtime) w.tag(20, WireType.Varint).int32(run.runtime);
	if (run.git) writeGit(w, 21, run.git);
}

/** Encodes one `wandb_internal.Record`, leaving out zero values as proto3 does. */
export function encodeWandbRecord(record: WandbRecordInput, num?: number): Uint8Array {
	const w = new BinaryWriter();
	if (num) w.tag(1, WireType.Varint).int64(num);
	if ('run' in record) {
		w.tag(17, WireType.LengthDelimited).fork();
		writeRun(w, record.run);
		w.join();
	} else if ('config' in record) {
		w.tag(5, WireType.LengthDelimited).fork();
		for (const item of record.config) writeItem(w, 1, item);
		w.join();
	} else if ('history' in record) {
		w.tag(2, WireType.LengthDelimited).fork();
		for (const item of record.history) writeItem(w, 1, item);
		if (record.step !== undefined) {
			w.tag(2, WireType.LengthDelimited).fork();
			if (record.step) w.tag(1, WireType.Varint).int64(record.step);
			w.join();
		}
		w.join();
	} else if ('summary' in record) {
		w.tag(3, WireType.LengthDelimited).fork();
		for (const item of record.summary) writeItem(w, 1, item);
		for (const key of record.remove ?? []) writeItem(w, 2, { key, json: '' });
		w.join();
	} else if ('exit' in record) {
		w.tag(18, WireType.LengthDelimited).fork();
		if (record.exit.exitCode) w.tag(1, WireType.Varint).int32(record.exit.exitCode);
		if (record.exit.runtime) w.tag(2, WireType.Varint).int32(record.exit.runtime);
		w.join();
	} else if ('telemetry' in record) {
		w.tag(11, WireType.LengthDelimited).fork();
		writeString(w, 4, record.telemetry.pythonVersion);
		writeString(w, 5, record.telemetry.cliVersion);
		w.join();
	} else if ('environment' in record) {
		const env = record.environment;
		w.tag(26, WireType.LengthDelimited).fork();
		if (env.startMs !== undefined) writeTimestamp(w, 3, env.startMs);
		if (env.git) writeGit(w, 9, env.git);
		writeString(w, 10, env.email);
		writeString(w, 12, env.host);
		writeString(w, 13, env.username);
		w.join();
	} else if ('output' in record) {
		w.tag(13, WireType.LengthDelimited).fork();
		w.tag(1, WireType.Varint).int32(1);
		w.tag(3, WireType.LengthDelimited).string(record.output);
		w.join();
	} else {
		w.tag(record.raw.field, WireType.LengthDelimited).bytes(record.raw.bytes);
	}
	return w.finish();
}

/** The chunk types of the LevelDB log format. */
const FULL = 1;
const FIRST = 2;
const MIDDLE = 3;
const LAST = 4;

/**
 * Frames record payloads into a `.wandb` log: the file header, then each record as one FULL chunk or
 * as FIRST, MIDDLE…, LAST chunks where it does not fit its block; a block's tail too short for a chunk
 * header is zero padding.
 */
export function frameWandbLog(records: readonly Uint8Array[]): Uint8Array {
	const parts: Uint8Array[] = [FILE_HEADER];
	let pos = FILE_HEADER.length;
	const chunk = (type: number, payload: Uint8Array) => {
		const header = new Uint8Array(CHUNK_HEADER);
		const view = new DataView(header.buffer);
		view.setUint32(0, crc32(payload, crc32(Uint8Array.of(type))), true);
		view.setUint16(4, payload.length, true);
		header[6] = type;
		parts.push(header, payload);
		pos += CHUNK_HEADER + payload.length;
	};
	for (const record of records) {
		let offset = 0;
		let first = true;
		do {
			let left = BLOCK - (pos % BLOCK);
			if (left < CHUNK_HEADER) {
				parts.push(new Uint8Array(left));
				pos += left;
				left = BLOCK;
			}
			const room = left - CHUNK_HEADER;
			const take = Math.min(room, record.length - offset);
			const end = offset + take === record.length;
			chunk(first && end ? FULL : first ? FIRST : end ? LAST : MIDDLE, record.subarray(offset, offset + take));
			offset += take;
			first = false;
		} while (offset < record.length);
	}
	const out = new Uint8Array(pos);
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** Encodes and frames a whole log. */
export function writeWandbLog(records: readonly WandbRecordInput[]): Uint8Array {
	return frameWandbLog(records.map((r, i) => encodeWandbRecord(r, i + 1)));
}
