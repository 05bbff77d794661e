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

/**
 * The messages are read in place with one reader per file: a nested message is read up to its end
 * offset rather than through a reader of its own, so an event costs no allocation beyond what it
 * holds (a file of a million scalars is a million events).
 */
type Reader = BinaryReader;

/**
 * Reads a field's key as `[field number, wire type]` packed in one number (`key >>> 3`, `key & 7`):
 * the wire reader's `tag()` returns a fresh array per field, which a file of millions of fields feels.
 */
function readKey(reader: Reader): number {
	const key = reader.uint32();
	if (key >>> 3 === 0 || (key & 7) > 5) throw new Error(`illegal field key ${key} at byte ${reader.pos}`);
	return key;
}

/** Reads a length prefix and returns where the nested message ends. */
function nestedEnd(reader: Reader): number {
	const length = reader.uint32();
	return reader.pos + length;
}

/** Reads a repeated numeric field in either of protobuf's forms: packed (one length-delimited run) or one element per tag. */
function readRepeated(reader: Reader, wireType: WireType, readOne: (r: Reader) => number, out: number[]): void {
	if (wireType !== WireType.LengthDelimited) {
		out.push(readOne(reader));
		return;
	}
	const end = nestedEnd(reader);
	while (reader.pos < end) out.push(readOne(reader));
}

function readShape(reader: Reader, end: number): number[] {
	const dims: number[] = [];
	while (reader.pos < end) {
		const key = readKey(reader);
		const no = key >>> 3;
		const wireType = (key & 7) as WireType;
		if (no !== 2) {
			reader.skip(wireType, no);
			continue;
		}
		const dimEnd = nestedEnd(reader);
		let size = 0;
		while (reader.pos < dimEnd) {
			const dimKey = readKey(reader);
			const dno = dimKey >>> 3;
			const dwt = (dimKey & 7) as WireType;
			if (dno === 1) size = Number(reader.int64());
			else reader.skip(dwt, dno);
		}
		dims.push(size);
	}
	return dims;
}

function readTensor(reader: Reader, end: number): DecodedTensor {
	const tensor: DecodedTensor = { dtype: 0, shape: [], content: null, floatVal: [], doubleVal: [], intVal: [], int64Val: [], boolVal: [], stringVal: [] };
	const bools: number[] = [];
	while (reader.pos < end) {
		const key = readKey(reader);
		const no = key >>> 3;
		const wireType = (key & 7) as WireType;
		switch (no) {
			case 1:
				tensor.dtype = reader.int32();
				break;
			case 2:
				tensor.shape = readShape(reader, nestedEnd(reader));
				break;
			case 4:
				tensor.content = reader.bytes();
				break;
			case 5:
				readRepeated(reader, wireType, (r) => r.float(), tensor.floatVal);
				break;
			case 6:
				readRepeated(reader, wireType, (r) => r.double(), tensor.doubleVal);
				break;
			case 7:
				readRepeated(reader, wireType, (r) => r.int32(), tensor.intVal);
				break;
			case 8:
				tensor.stringVal.push(reader.bytes());
				break;
			case 10:
				readRepeated(reader, wireType, (r) => Number(r.int64()), tensor.int64Val);
				break;
			case 11:
				readRepeated(reader, wireType, (r) => (r.bool() ? 1 : 0), bools);
				break;
			default:
				reader.skip(wireType, no);
		}
	}
	tensor.boolVal = bools.map((b) => b === 1);
	return tensor;
}

/** Decodes a serialized `TensorProto`. */
export function decodeTensor(bytes: Uint8Array): DecodedTensor {
	return readTensor(new BinaryReader(bytes), bytes.length);
}

function readMetadata(reader: Reader, end: number, value: DecodedValue): void {
	while (reader.pos < end) {
		const key = readKey(reader);
		const no = key >>> 3;
		const wireType = (key & 7) as WireType;
		if (no !== 1) {
			reader.skip(wireType, no);
			continue;
		}
		const pluginEnd = nestedEnd(reader);
		while (reader.pos < pluginEnd) {
			const pluginKey = readKey(reader);
			const pno = pluginKey >>> 3;
			const pwt = (pluginKey & 7) as WireType;
			if (pno === 1) value.pluginName = reader.string();
			else if (pno === 2) value.pluginContent = reader.bytes();
			else reader.skip(pwt, pno);
		}
	}
}

function readValue(reader: Reader, end: number, value: DecodedValue): void {
	value.tag = '';
	value.pluginName = null;
	value.pluginContent = null;
	value.simpleValue = null;
	value.tensor = null;
	value.other = false;
	while (reader.pos < end) {
		const key = readKey(reader);
		const no = key >>> 3;
		const wireType = (key & 7) as WireType;
		switch (no) {
			case 1:
				value.tag = reader.string();
				break;
			case 2:
				value.simpleValue = reader.float();
				break;
			case 3:
			case 4:
			case 5:
			case 6:
				value.other = true;
				reader.skip(wireType, no);
				break;
			case 8:
				value.tensor = readTensor(reader, nestedEnd(reader));
				break;
			case 9:
				readMetadata(reader, nestedEnd(reader), value);
				break;
			default:
				reader.skip(wireType, no);
		}
	}
}

function readSessionStatus(reader: Reader, end: number): number {
	let status = 0;
	while (reader.pos < end) {
		const key = readKey(reader);
		const no = key >>> 3;
		const wireType = (key & 7) as WireType;
		if (no === 1) status = reader.int32();
		else reader.skip(wireType, no);
	}
	return status;
}

/** An event's own fields, without its values. */
export type EventHead = Omit<DecodedEvent, 'values'>;

/**
 * Reads the `Event` between the reader's position and `end`, calling `onValue` for each summary value
 * once the event's time and step are known. The head and the value passed are reused for the next
 * event: keep what is needed, not the objects.
 */
export function readEvent(
	reader: BinaryReader,
	end: number,
	head: EventHead,
	value: DecodedValue,
	onValue: (head: EventHead, value: DecodedValue) => void
): void {
	head.wallTime = 0;
	head.step = 0;
	head.fileVersion = null;
	head.sessionStatus = null;
	let summaryStart = -1;
	let summaryEnd = -1;
	while (reader.pos < end) {
		const key = readKey(reader);
		const no = key >>> 3;
		const wireType = (key & 7) as WireType;
		switch (no) {
			case 1:
				head.wallTime = reader.double();
				break;
			case 2:
				head.step = Number(reader.int64());
				break;
			case 3:
				head.fileVersion = reader.string();
				break;
			case 5:
				summaryEnd = nestedEnd(reader);
				summaryStart = reader.pos;
				reader.pos = summaryEnd;
				break;
			case 7:
				head.sessionStatus = readSessionStatus(reader, nestedEnd(reader));
				break;
			default:
				reader.skip(wireType, no);
		}
	}
	if (reader.pos !== end) throw new Error(`the event runs ${reader.pos - end} bytes past its record`);
	if (summaryStart < 0) return;
	reader.pos = summaryStart;
	while (reader.pos < summaryEnd) {
		const key = readKey(reader);
		const no = key >>> 3;
		const wireType = (key & 7) as WireType;
		if (no !== 1) {
			reader.skip(wireType, no);
			continue;
		}
		readValue(reader, nestedEnd(reader), value);
		onValue(head, value);
	}
	reader.pos = end;
}

/** An empty value to hand to {@link readEvent}. */
export function emptyValue(): DecodedValue {
	return { tag: '', pluginName: null, pluginContent: null, simpleValue: null, tensor: null, other: false };
}

/** Decodes one record's data as an `Event`; throws on bytes that are not a valid protobuf message. */
export function decodeEvent(bytes: Uint8Array): DecodedEvent {
	const head: EventHead = { wallTime: 0, step: 0, fileVersion: null, sessionStatus: null };
	const values: DecodedValue[] = [];
	readEvent(new BinaryReader(bytes), bytes.length, head, emptyValue(), (_, value) => values.push({ ...value }));
	return { ...head, values };
}

function elementCount(tensor: DecodedTensor): number {
	return tensor.shape.reduce((n, d) => n * d, 1);
}

/** Reads the first element of raw little-endian tensor bytes by dtype; null for a dtype that is not a number. */
function readContent(content: Uint8Array, dtype: number): number | null {
	const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
	const need = (n: number) => content.byteLength >= n;
	switch (dtype) {
		case DT_FLOAT:
			return need(4) ? view.getFloat32(0, true) : null;
		case DT_DOUBLE:
			return need(8) ? view.getFloat64(0, true) : null;
		case DT_INT32:
			return need(4) ? view.getInt32(0, true) : null;
		case DT_INT64:
			return need(8) ? Number(view.getBigInt64(0, true)) : null;
		case DT_BOOL:
			return need(1) ? content[0]! : null;
		case DT_HALF:
			return need(2) ? view.getFloat16(0, true) : null;
		default:
			return null;
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
