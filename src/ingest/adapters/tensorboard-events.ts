// Decodes TensorBoard's `Event` protobuf and what it carries (run-formats.md §10.2–10.4) with the wire
// reader of @bufbuild/protobuf: only the fields Hindsight needs, by number, so no .proto files or
// generated code are involved and fields added later are skipped.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

/** `DataType` values whose single element can be a scalar or a text. */
const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_STRING = 7;
const DT_INT64 = 9;
const DT_BOOL = 10;
const DT_HALF = 19;

/** A `TensorProto`, with the value lists Hindsight reads. */
export interface DecodedTensor {
	dtype: number;
	/** Dimension sizes; empty for a rank-0 tensor. */
	shape: number[];
	content: Uint8Array | null;
	floatVal: number[];
	doubleVal: number[];
	intVal: number[];
	int64Val: number[];
	boolVal: boolean[];
	stringVal: Uint8Array[];
}

/** One `Summary.Value`. */
export interface DecodedValue {
	tag: string;
	/** The plugin named in this value's metadata, when it carries metadata. */
	pluginName: string | null;
	/** The plugin's own payload (`PluginData.content`). */
	pluginContent: Uint8Array | null;
	/** A float32 `simple_value`, or null when the value is held otherwise. */
	simpleValue: number | null;
	tensor: DecodedTensor | null;
	/** An image, histogram or audio value: never a metric. */
	other: boolean;
}

/** One `Event`: when, at which step, and what it carries. */
export interface DecodedEvent {
	/** Seconds since the epoch. */
	wallTime: number;
	step: number;
	fileVersion: string | null;
	values: DecodedValue[];
	/** `SessionLog.status` (1 START, 2 STOP, 3 CHECKPOINT), when the event is a session log. */
	sessionStatus: number | null;
}

/** Reads a repeated numeric field in either of protobuf's forms: packed (one length-delimited run) or one element per tag. */
function readRepeated(reader: BinaryReader, wireType: WireType, readOne: (r: BinaryReader) => number, out: number[]): void {
	if (wireType !== WireType.LengthDelimited) {
		out.push(readOne(reader));
		return;
	}
	const packed = new BinaryReader(reader.bytes());
	while (packed.pos < packed.len) out.push(readOne(packed));
}

function decodeShape(bytes: Uint8Array): number[] {
	const reader = new BinaryReader(bytes);
	const dims: number[] = [];
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		if (no !== 2) {
			reader.skip(wireType, no);
			continue;
		}
		const dim = new BinaryReader(reader.bytes());
		let size = 0;
		while (dim.pos < dim.len) {
			const [dno, dwt] = dim.tag();
			if (dno === 1) size = Number(dim.int64());
			else dim.skip(dwt, dno);
		}
		dims.push(size);
	}
	return dims;
}

/** Decodes a serialized `TensorProto`. */
export function decodeTensor(bytes: Uint8Array): DecodedTensor {
	const reader = new BinaryReader(bytes);
	const tensor: DecodedTensor = { dtype: 0, shape: [], content: null, floatVal: [], doubleVal: [], intVal: [], int64Val: [], boolVal: [], stringVal: [] };
	const bools: number[] = [];
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		switch (no) {
			case 1: tensor.dtype = reader.int32(); break;
			case 2: tensor.shape = decodeShape(reader.bytes()); break;
			case 4: tensor.content = reader.bytes(); break;
			case 5: readRepeated(reader, wireType, (r) => r.float(), tensor.floatVal); break;
			case 6: readRepeated(reader, wireType, (r) => r.double(), tensor.doubleVal); break;
			case 7: readRepeated(reader, wireType, (r) => r.int32(), tensor.intVal); break;
			case 8: tensor.stringVal.push(reader.bytes()); break;
			case 10: readRepeated(reader, wireType, (r) => Number(r.int64()), tensor.int64Val); break;
			case 11: readRepeated(reader, wireType, (r) => (r.bool() ? 1 : 0), bools); break;
			default: reader.skip(wireType, no);
		}
	}
	tensor.boolVal = bools.map((b) => b === 1);
	return tensor;
}

function decodeMetadata(bytes: Uint8Array): { pluginName: string | null; pluginContent: Uint8Array | null } {
	const reader = new BinaryReader(bytes);
	let pluginName: string | null = null;
	let pluginContent: Uint8Array | null = null;
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		if (no !== 1) {
			reader.skip(wireType, no);
			continue;
		}
		const plugin = new BinaryReader(reader.bytes());
		while (plugin.pos < plugin.len) {
			const [pno, pwt] = plugin.tag();
			if (pno === 1) pluginName = plugin.string();
			else if (pno === 2) pluginContent = plugin.bytes();
			else plugin.skip(pwt, pno);
		}
	}
	return { pluginName, pluginContent };
}

function decodeValue(bytes: Uint8Array): DecodedValue {
	const reader = new BinaryReader(bytes);
	const value: DecodedValue = { tag: '', pluginName: null, pluginContent: null, simpleValue: null, tensor: null, other: false };
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		switch (no) {
			case 1: value.tag = reader.string(); break;
			case 2: value.simpleValue = reader.float(); break;
			case 3: case 4: case 5: case 6: value.other = true; reader.skip(wireType, no); break;
			case 8: value.tensor = decodeTensor(reader.bytes()); break;
			case 9: Object.assign(value, decodeMetadata(reader.bytes())); break;
			default: reader.skip(wireType, no);
		}
	}
	return value;
}

function decodeSummary(bytes: Uint8Array, into: DecodedValue[]): void {
	const reader = new BinaryReader(bytes);
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		if (no === 1) into.push(decodeValue(reader.bytes()));
		else reader.skip(wireType, no);
	}
}

function decodeSessionStatus(bytes: Uint8Array): number {
	const reader = new BinaryReader(bytes);
	let status = 0;
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		if (no === 1) status = reader.int32();
		else reader.skip(wireType, no);
	}
	return status;
}

/** Decodes one record's data as an `Event`; throws on bytes that are not a valid protobuf message. */
export function decodeEvent(bytes: Uint8Array): DecodedEvent {
	const reader = new BinaryReader(bytes);
	const event: DecodedEvent = { wallTime: 0, step: 0, fileVersion: null, values: [], sessionStatus: null };
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		switch (no) {
			case 1: event.wallTime = reader.double(); break;
			case 2: event.step = Number(reader.int64()); break;
			case 3: event.fileVersion = reader.string(); break;
			case 5: decodeSummary(reader.bytes(), event.values); break;
			case 7: event.sessionStatus = decodeSessionStatus(reader.bytes()); break;
			default: reader.skip(wireType, no);
		}
	}
	return event;
}

function elementCount(tensor: DecodedTensor): number {
	return tensor.shape.reduce((n, d) => n * d, 1);
}

/** Reads the first element of raw little-endian tensor bytes by dtype; null for a dtype that is not a number. */
function readContent(content: Uint8Array, dtype: number): number | null {
	const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
	const need = (n: number) => content.byteLength >= n;
	switch (dtype) {
		case DT_FLOAT: return need(4) ? view.getFloat32(0, true) : null;
		case DT_DOUBLE: return need(8) ? view.getFloat64(0, true) : null;
		case DT_INT32: return need(4) ? view.getInt32(0, true) : null;
		case DT_INT64: return need(8) ? Number(view.getBigInt64(0, true)) : null;
		case DT_BOOL: return need(1) ? content[0]! : null;
		case DT_HALF: return need(2) ? view.getFloat16(0, true) : null;
		default: return null;
	}
}

/**
 * The number a one-element tensor holds (TF2's `tensor_content`, torch's `float_val`/`double_val`),
 * or null when the tensor is not a single number.
 */
export function readTensorScalar(tensor: DecodedTensor): number | null {
	if (elementCount(tensor) !== 1 || tensor.dtype === DT_STRING) return null;
	if (tensor.floatVal.length > 0) return tensor.floatVal[0]!;
	if (tensor.doubleVal.length > 0) return tensor.doubleVal[0]!;
	if (tensor.intVal.length > 0) return tensor.intVal[0]!;
	if (tensor.int64Val.length > 0) return tensor.int64Val[0]!;
	if (tensor.boolVal.length > 0) return tensor.boolVal[0]! ? 1 : 0;
	if (tensor.content !== null) return readContent(tensor.content, tensor.dtype);
	return null;
}

/** The text of a string tensor (the `text` plugin), its elements joined by newlines; null for other tensors. */
export function readTensorText(tensor: DecodedTensor): string | null {
	if (tensor.dtype !== DT_STRING || tensor.stringVal.length === 0) return null;
	const decoder = new TextDecoder();
	return tensor.stringVal.map((s) => decoder.decode(s)).join('\n');
}
