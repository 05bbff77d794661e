// The `hparams` plugin's payload (run-formats.md §10.4): `HParamsPluginData` with a session's start
// (the hyper-parameter values) or end (its status), decoded by field number.
import { BinaryReader } from '@bufbuild/protobuf/wire';

/** A hyper-parameter value as `google.protobuf.Value` holds it, lists and structs kept as JSON text. */
export type HParamValue = string | number | boolean | null;

/** What one `hparams` plugin value says. */
export interface HParamsInfo {
	/** `session_start_info.hparams`, when the value is a session start. */
	hparams: Record<string, HParamValue> | null;
	/** `session_end_info.status` (0 UNKNOWN, 1 SUCCESS, 2 FAILURE, 3 RUNNING), when the value is a session end. */
	endStatus: number | null;
	/** `session_end_info.end_time_secs`, when given (0 means unset in proto3). */
	endTimeSecs: number | null;
	/** `session_start_info.start_time_secs`, when given. */
	startTimeSecs: number | null;
}

/** `SessionEndInfo.status` names, as the statusRaw of a run. */
export const SESSION_STATUS_NAMES: Record<number, string> = { 0: 'STATUS_UNKNOWN', 1: 'STATUS_SUCCESS', 2: 'STATUS_FAILURE', 3: 'STATUS_RUNNING' };

/** Reads a `google.protobuf.Value`; a list or struct becomes its JSON text, since params are flat. */
function decodeProtoValue(bytes: Uint8Array): HParamValue {
	const reader = new BinaryReader(bytes);
	let value: HParamValue = null;
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		switch (no) {
			case 1:
				reader.int32();
				value = null;
				break;
			case 2:
				value = reader.double();
				break;
			case 3:
				value = reader.string();
				break;
			case 4:
				value = reader.bool();
				break;
			case 5:
			case 6:
				value = JSON.stringify(decodeNested(reader.bytes(), no === 6));
				break;
			default:
				reader.skip(wireType, no);
		}
	}
	return value;
}

/** A `Struct` (fields 1: map entries) or `ListValue` (values 1) as plain data. */
function decodeNested(bytes: Uint8Array, isList: boolean): unknown {
	const reader = new BinaryReader(bytes);
	const list: unknown[] = [];
	const struct: Record<string, unknown> = {};
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		if (no !== 1) {
			reader.skip(wireType, no);
			continue;
		}
		if (isList) list.push(decodeProtoValue(reader.bytes()));
		else {
			const [key, value] = decodeMapEntry(reader.bytes());
			struct[key] = value;
		}
	}
	return isList ? list : struct;
}

function decodeMapEntry(bytes: Uint8Array): [string, HParamValue] {
	const reader = new BinaryReader(bytes);
	let key = '';
	let value: HParamValue = null;
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		if (no === 1) key = reader.string();
		else if (no === 2) value = decodeProtoValue(reader.bytes());
		else reader.skip(wireType, no);
	}
	return [key, value];
}

function decodeSessionStart(bytes: Uint8Array, info: HParamsInfo): void {
	const reader = new BinaryReader(bytes);
	info.hparams = {};
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		if (no === 1) {
			const [key, value] = decodeMapEntry(reader.bytes());
			info.hparams[key] = value;
		} else if (no === 5) info.startTimeSecs = reader.double() || null;
		else reader.skip(wireType, no);
	}
}

function decodeSessionEnd(bytes: Uint8Array, info: HParamsInfo): void {
	const reader = new BinaryReader(bytes);
	info.endStatus = 0;
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		if (no === 1) info.endStatus = reader.int32();
		else if (no === 2) info.endTimeSecs = reader.double() || null;
		else reader.skip(wireType, no);
	}
}

/** Decodes the `content` of an `hparams` plugin value (`HParamsPluginData`). */
export function decodeHParamsContent(bytes: Uint8Array): HParamsInfo {
	const reader = new BinaryReader(bytes);
	const info: HParamsInfo = { hparams: null, endStatus: null, endTimeSecs: null, startTimeSecs: null };
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		if (no === 3) decodeSessionStart(reader.bytes(), info);
		else if (no === 4) decodeSessionEnd(reader.bytes(), info);
		else reader.skip(wireType, no);
	}
	return info;
}
