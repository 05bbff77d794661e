// Hindsight's own writer of TensorBoard event files, with the same libraries the reader uses
// (@bufbuild/protobuf's wire writer, crc-32's CRC32C): the example stores, the tests and the ingest
// benchmark write their event files with it. Ingest itself never writes event files.
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { maskedCrc32c } from '../src/ingest/adapters/tensorboard-records.ts';

/** A tensor to write: its dtype (1 FLOAT, 2 DOUBLE, 7 STRING, …) and one way of holding its values. */
export interface TensorSpec {
	dtype: number;
	shape?: number[];
	floatVal?: number[];
	doubleVal?: number[];
	stringVal?: string[];
	content?: Uint8Array;
	/** Writes `float_val`/`double_val` one element per tag instead of packed. */
	unpacked?: boolean;
}

/** A `Summary.Value` to write. */
export interface ValueSpec {
	tag: string;
	simpleValue?: number;
	tensor?: TensorSpec;
	plugin?: { name: string; content?: Uint8Array };
	/** Writes an (empty) image instead of a scalar. */
	image?: boolean;
}

/** An `Event` to write. */
export interface EventSpec {
	/** Seconds since the epoch. */
	wallTime: number;
	step?: number;
	fileVersion?: string;
	values?: ValueSpec[];
	/** `SessionLog.status`. */
	sessionStatus?: number;
}

function encodeTensor(spec: TensorSpec): Uint8Array {
	const w = new BinaryWriter();
	w.tag(1, WireType.Varint).int32(spec.dtype);
	const shape = new BinaryWriter();
	for (const size of spec.shape ?? []) shape.tag(2, WireType.LengthDelimited).bytes(new BinaryWriter().tag(1, WireType.Varint).int64(size).finish());
	w.tag(2, WireType.LengthDelimited).bytes(shape.finish());
	if (spec.content) w.tag(4, WireType.LengthDelimited).bytes(spec.content);
	const repeated = (no: number, values: number[] | undefined, wireType: WireType, put: (x: BinaryWriter, v: number) => void) => {
		if (!values || values.length === 0) return;
		if (spec.unpacked) for (const v of values) put(w.tag(no, wireType), v);
		else {
			w.tag(no, WireType.LengthDelimited).fork();
			for (const v of values) put(w, v);
			w.join();
		}
	};
	repeated(5, spec.floatVal, WireType.Bit32, (x, v) => x.float(v));
	repeated(6, spec.doubleVal, WireType.Bit64, (x, v) => x.double(v));
	for (const text of spec.stringVal ?? []) w.tag(8, WireType.LengthDelimited).bytes(new TextEncoder().encode(text));
	return w.finish();
}

function encodeValue(spec: ValueSpec): Uint8Array {
	const w = new BinaryWriter();
	w.tag(1, WireType.LengthDelimited).string(spec.tag);
	if (spec.plugin) {
		const plugin = new BinaryWriter().tag(1, WireType.LengthDelimited).string(spec.plugin.name);
		if (spec.plugin.content) plugin.tag(2, WireType.LengthDelimited).bytes(spec.plugin.content);
		w.tag(9, WireType.LengthDelimited).bytes(new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(plugin.finish()).finish());
	}
	if (spec.simpleValue !== undefined) w.tag(2, WireType.Bit32).float(spec.simpleValue);
	if (spec.tensor) w.tag(8, WireType.LengthDelimited).bytes(encodeTensor(spec.tensor));
	if (spec.image) w.tag(4, WireType.LengthDelimited).bytes(new Uint8Array());
	return w.finish();
}

/** Serializes one `Event`. */
export function encodeEvent(spec: EventSpec): Uint8Array {
	const w = new BinaryWriter();
	w.tag(1, WireType.Bit64).double(spec.wallTime);
	if (spec.step) w.tag(2, WireType.Varint).int64(spec.step);
	if (spec.fileVersion !== undefined) w.tag(3, WireType.LengthDelimited).string(spec.fileVersion);
	if (spec.values) {
		const summary = new BinaryWriter();
		for (const value of spec.values) summary.tag(1, WireType.LengthDelimited).bytes(encodeValue(value));
		w.tag(5, WireType.LengthDelimited).bytes(summary.finish());
	}
	if (spec.sessionStatus !== undefined) w.tag(7, WireType.LengthDelimited).bytes(new BinaryWriter().tag(1, WireType.Varint).int32(spec.sessionStatus).finish());
	return w.finish();
}

/** Frames one record's data as TFRecord does: length, its masked CRC32C, the data, the data's masked CRC32C. */
export function frameRecord(data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length + 4);
	const view = new DataView(out.buffer);
	view.setBigUint64(0, BigInt(data.length), true);
	view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
	out.set(data, 12);
	view.setUint32(12 + data.length, maskedCrc32c(data), true);
	return out;
}

/** A whole event file: the `brain.Event:2` version record at the first event's time, then each event. */
export function encodeEventFile(events: readonly EventSpec[], startWallTime = events[0]?.wallTime ?? 0): Uint8Array {
	const records = [encodeEvent({ wallTime: startWallTime, fileVersion: 'brain.Event:2' }), ...events.map(encodeEvent)].map(frameRecord);
	const out = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
	let offset = 0;
	for (const record of records) {
		out.set(record, offset);
		offset += record.length;
	}
	return out;
}

function encodeProtoValue(value: string | number | boolean): Uint8Array {
	const w = new BinaryWriter();
	if (typeof value === 'number') w.tag(2, WireType.Bit64).double(value);
	else if (typeof value === 'string') w.tag(3, WireType.LengthDelimited).string(value);
	else w.tag(4, WireType.Varint).bool(value);
	return w.finish();
}

/** The three `hparams` plugin values Lightning writes: the experiment, the session start with the values, and the session end. */
export function hparamsValues(hparams: Record<string, string | number | boolean>, endStatus = 1): ValueSpec[] {
	const start = new BinaryWriter();
	for (const [key, value] of Object.entries(hparams)) {
		start
			.tag(1, WireType.LengthDelimited)
			.bytes(new BinaryWriter().tag(1, WireType.LengthDelimited).string(key).tag(2, WireType.LengthDelimited).bytes(encodeProtoValue(value)).finish());
	}
	const data = (field: number, payload: Uint8Array) =>
		new BinaryWriter().tag(1, WireType.Varint).int32(0).tag(field, WireType.LengthDelimited).bytes(payload).finish();
	return [
		{ tag: '_hparams_/experiment', plugin: { name: 'hparams', content: data(2, new Uint8Array()) } },
		{ tag: '_hparams_/session_start_info', plugin: { name: 'hparams', content: data(3, start.finish()) } },
		{ tag: '_hparams_/session_end_info', plugin: { name: 'hparams', content: data(4, new BinaryWriter().tag(1, WireType.Varint).int32(endStatus).finish()) } },
	];
}

/** A text summary as torch's `add_text` writes it: `<tag>/text_summary`, a string tensor with the `text` plugin. */
export function textValue(tag: string, text: string): ValueSpec {
	return { tag: `${tag}/text_summary`, plugin: { name: 'text' }, tensor: { dtype: 7, shape: [1], stringVal: [text] } };
}
