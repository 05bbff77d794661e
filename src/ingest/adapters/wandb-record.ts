// The protobuf `wandb_internal.Record` messages of a `.wandb` log, decoded with @bufbuild/protobuf's wire
// reader by the field numbers of run-formats.md §3.7. Only what the run model needs is decoded; the
// rest (console output, system stats, files, artifacts…) is skipped by its length.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

/** A config, summary or history item: its key path (`nested_key`, else `key`) and its value as JSON text. */
export interface WandbItem {
	path: string[];
	valueJson: string;
}

/** What a `RunRecord` (field 17) says; empty strings and absent fields are left out, as proto3 writes them. */
export interface WandbRunFields {
	runId?: string;
	entity?: string;
	project?: string;
	config?: { update: WandbItem[]; remove: WandbItem[] };
	summary?: { update: WandbItem[]; remove: WandbItem[] };
	group?: string;
	jobType?: string;
	displayName?: string;
	notes?: string;
	tags: string[];
	sweepId?: string;
	host?: string;
	startingStep?: number;
	/** Epoch milliseconds. */
	startMs?: number;
	resumed?: boolean;
	/** Seconds. */
	runtime?: number;
	git?: { remoteUrl?: string; commit?: string };
}

/** What an `EnvironmentRecord` (field 26) says about who ran it, where, and from which commit. */
export interface WandbEnvironment {
	username?: string;
	email?: string;
	host?: string;
	startedAtMs?: number;
	git?: { remoteUrl?: string; commit?: string };
}

/** One decoded record. `skipped` is a record type the run model has no use for; `unknown` one this reader does not know. */
export type WandbRecord =
	| { type: 'history'; keys: string[]; values: string[]; step: number | null }
	| { type: 'summary'; update: WandbItem[]; remove: WandbItem[] }
	| { type: 'config'; update: WandbItem[]; remove: WandbItem[] }
	| { type: 'run'; run: WandbRunFields }
	| { type: 'exit'; exitCode: number; runtime: number }
	| { type: 'environment'; environment: WandbEnvironment }
	| { type: 'telemetry'; cliVersion?: string; pythonVersion?: string }
	| { type: 'skipped'; field: number }
	| { type: 'unknown'; field: number }
	| { type: 'empty' };

/** `Record` fields (run-formats.md §3.7). */
const RECORD = { history: 2, summary: 3, config: 5, telemetry: 11, run: 17, exit: 18, environment: 26 } as const;
/**
 * Every other field number a `Record` holds in the W&B versions read (num 1, control 16, uuid 19,
 * _info 200, and the record types output, files, stats, artifact, tbrecord, alert, metric, output_raw,
 * final, header, footer, preempting, artifact links, request, …), skipped without a warning.
 */
const KNOWN_OTHER = new Set([1, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 24, 25, 27, 100, 200]);
/** Fields that are not the record's type. */
const NOT_A_TYPE = new Set([1, 16, 19, 200]);

/**
 * Reads the fields of the embedded message that starts at the reader's position (its length first),
 * calling `field` for each; fields it does not read are skipped. One reader walks the whole record,
 * so no message is copied or given a reader of its own.
 */
function readMessage(r: BinaryReader, field: (no: number, wire: WireType) => boolean): void {
	const end = r.uint32() + r.pos;
	while (r.pos < end) {
		const [no, wire] = r.tag();
		if (!field(no, wire)) r.skip(wire, no);
	}
}

function toNumber(value: bigint | string): number {
	return Number(value);
}

function readItem(r: BinaryReader): WandbItem {
	let key = '';
	let nested: string[] | null = null;
	let valueJson = '';
	readMessage(r, (no, wire) => {
		if (wire !== WireType.LengthDelimited) return false;
		if (no === 1) key = r.string();
		else if (no === 2) {
			nested ??= [];
			nested.push(r.string());
		} else if (no === 16) valueJson = r.string();
		else return false;
		return true;
	});
	return { path: nested ?? [key], valueJson };
}

/** `ConfigRecord` and `SummaryRecord` share their shape: items to update (1) and to remove (2). */
function readDelta(r: BinaryReader): { update: WandbItem[]; remove: WandbItem[] } {
	const update: WandbItem[] = [];
	const remove: WandbItem[] = [];
	readMessage(r, (no, wire) => {
		if (wire !== WireType.LengthDelimited || (no !== 1 && no !== 2)) return false;
		(no === 1 ? update : remove).push(readItem(r));
		return true;
	});
	return { update, remove };
}

/** `google.protobuf.Timestamp` as epoch milliseconds. */
function readTimestamp(r: BinaryReader): number {
	let seconds = 0;
	let nanos = 0;
	readMessage(r, (no, wire) => {
		if (wire !== WireType.Varint) return false;
		if (no === 1) seconds = toNumber(r.int64());
		else if (no === 2) nanos = r.int32();
		else return false;
		return true;
	});
	return seconds * 1000 + Math.floor(nanos / 1e6);
}

/** `GitRepoRecord{remote_url=1, commit=2}`. */
function readGit(r: BinaryReader): { remoteUrl?: string; commit?: string } {
	const git: { remoteUrl?: string; commit?: string } = {};
	readMessage(r, (no, wire) => {
		if (wire !== WireType.LengthDelimited) return false;
		if (no === 1) git.remoteUrl = r.string();
		else if (no === 2) git.commit = r.string();
		else return false;
		return true;
	});
	return git;
}

/**
 * A history row as two columns, each key (`nested_key` joined with `.`, else `key`) beside its value's
 * JSON text. The hottest path of a long log (millions of items): loops without callbacks, and each tag
 * read as the varint it is (field number × 8 + wire type) rather than as a pair.
 */
function readHistory(r: BinaryReader): WandbRecord {
	const keys: string[] = [];
	const values: string[] = [];
	let step: number | null = null;
	const end = r.uint32() + r.pos;
	while (r.pos < end) {
		const tag = r.uint32();
		if (tag === ((1 << 3) | WireType.LengthDelimited)) {
			let key = '';
			let nested: string | null = null;
			let value = '';
			const itemEnd = r.uint32() + r.pos;
			while (r.pos < itemEnd) {
				const t = r.uint32();
				if (t === ((1 << 3) | WireType.LengthDelimited)) key = r.string();
				else if (t === ((2 << 3) | WireType.LengthDelimited)) nested = nested === null ? r.string() : `${nested}.${r.string()}`;
				else if (t === ((16 << 3) | WireType.LengthDelimited)) value = r.string();
				else r.skip((t & 7) as WireType, t >>> 3);
			}
			keys.push(nested ?? key);
			values.push(value);
		} else if (tag === ((2 << 3) | WireType.LengthDelimited)) {
			// HistoryStep{num=1}; proto3 leaves out a 0, so a step message without num is step 0
			step = 0;
			readMessage(r, (n, w) => {
				if (n !== 1 || w !== WireType.Varint) return false;
				step = toNumber(r.int64());
				return true;
			});
		} else r.skip((tag & 7) as WireType, tag >>> 3);
	}
	return { type: 'history', keys, values, step };
}

const RUN_STRINGS: Partial<Record<number, keyof WandbRunFields>> = {
	1: 'runId',
	2: 'entity',
	3: 'project',
	6: 'group',
	7: 'jobType',
	8: 'displayName',
	9: 'notes',
	12: 'sweepId',
	13: 'host',
};

function readRun(r: BinaryReader): WandbRunFields {
	const run: WandbRunFields = { tags: [] };
	readMessage(r, (no, wire) => {
		const name = RUN_STRINGS[no];
		if (name && wire === WireType.LengthDelimited) (run as unknown as Record<string, string>)[name] = r.string();
		else if (no === 10 && wire === WireType.LengthDelimited) run.tags.push(r.string());
		else if (no === 4 && wire === WireType.LengthDelimited) run.config = readDelta(r);
		else if (no === 5 && wire === WireType.LengthDelimited) run.summary = readDelta(r);
		else if (no === 14 && wire === WireType.Varint) run.startingStep = toNumber(r.int64());
		else if (no === 17 && wire === WireType.LengthDelimited) run.startMs = readTimestamp(r);
		else if (no === 18 && wire === WireType.Varint) run.resumed = r.bool();
		else if (no === 20 && wire === WireType.Varint) run.runtime = r.int32();
		else if (no === 21 && wire === WireType.LengthDelimited) run.git = readGit(r);
		else return false;
		return true;
	});
	return run;
}

function readExit(r: BinaryReader): WandbRecord {
	// proto3 leaves out zeros: no exit_code field is exit code 0
	let exitCode = 0;
	let runtime = 0;
	readMessage(r, (no, wire) => {
		if (wire !== WireType.Varint) return false;
		if (no === 1) exitCode = r.int32();
		else if (no === 2) runtime = r.int32();
		else return false;
		return true;
	});
	return { type: 'exit', exitCode, runtime };
}

function readEnvironment(r: BinaryReader): WandbEnvironment {
	const env: WandbEnvironment = {};
	readMessage(r, (no, wire) => {
		if (wire !== WireType.LengthDelimited) return false;
		if (no === 13) env.username = r.string();
		else if (no === 10) env.email = r.string();
		else if (no === 12) env.host = r.string();
		else if (no === 3) env.startedAtMs = readTimestamp(r);
		else if (no === 9) env.git = readGit(r);
		else return false;
		return true;
	});
	return env;
}

function readTelemetry(r: BinaryReader): WandbRecord {
	const out: { type: 'telemetry'; cliVersion?: string; pythonVersion?: string } = { type: 'telemetry' };
	readMessage(r, (no, wire) => {
		if (wire !== WireType.LengthDelimited) return false;
		if (no === 4) out.pythonVersion = r.string();
		else if (no === 5) out.cliVersion = r.string();
		else return false;
		return true;
	});
	return out;
}

/**
 * Decodes one record's payload. Record types the run model does not use are skipped unread (their
 * length says where they end), so console output and system stats, most of a long log, cost little.
 * Throws the wire reader's error for a payload that is not a valid message.
 */
export function decodeWandbRecord(payload: Uint8Array): WandbRecord {
	const reader = new BinaryReader(payload);
	let result: WandbRecord = { type: 'empty' };
	while (reader.pos < reader.len) {
		const [no, wire] = reader.tag();
		if (result.type === 'empty' && wire === WireType.LengthDelimited) {
			if (no === RECORD.history) result = readHistory(reader);
			else if (no === RECORD.summary) result = { type: 'summary', ...readDelta(reader) };
			else if (no === RECORD.config) result = { type: 'config', ...readDelta(reader) };
			else if (no === RECORD.run) result = { type: 'run', run: readRun(reader) };
			else if (no === RECORD.exit) result = readExit(reader);
			else if (no === RECORD.environment) result = { type: 'environment', environment: readEnvironment(reader) };
			else if (no === RECORD.telemetry) result = readTelemetry(reader);
			else {
				reader.skip(wire, no);
				if (!NOT_A_TYPE.has(no)) result = KNOWN_OTHER.has(no) ? { type: 'skipped', field: no } : { type: 'unknown', field: no };
			}
			continue;
		}
		reader.skip(wire, no);
		if (result.type === 'empty' && !NOT_A_TYPE.has(no) && !KNOWN_OTHER.has(no)) result = { type: 'unknown', field: no };
	}
	return result;
}
