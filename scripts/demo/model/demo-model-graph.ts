// The demo lesion detector as an ONNX graph (opset 13), written with onnx-proto. Input: one
// preprocessed image [1, 1, 128, 128] (soft-tissue window 40/400 mapped to 0…1). Graph:
//
//   responses = Conv(image, matched filters)           K lesion templates, each standardised
//                                                       (÷ sd, − mean) on lesion-free calibration tissue
//   evidence  = Relu(ReduceMax over the K filters)      best-matching lesion size per pixel
//   bone      = Clip((image − boneLevel) × gain, 0, 1)  ≥ ~220 HU: vertebra (and table)
//   boneZone  = MaxPool(bone) reaching ANTERIOR of bone the contrast-enhanced aorta sits there;
//                                                       it is a bright round lesion mimic in every phantom
//   fatZone   = MaxPool(Clip((fatLevel − image) × gain, 0, 1))  near fat or air: the body wall,
//                                                       whose edges would otherwise respond
//   heatmap   = Sigmoid(heatGain × evidence × (1 − max(boneZone, fatZone)) + heatOffset)
//   score     = GlobalMaxPool(heatmap), flattened to [1, 1]
//
// Protobuf encoding of the same message is deterministic (fields in number order, no maps), and
// every number is computed with exactly rounded double arithmetic, so the bytes repeat.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const OPSET = 13;
export const INPUT_NAME = 'image';
export const SCORE_OUTPUT = 'score';
export const HEATMAP_OUTPUT = 'heatmap';

/** The fixed design: sizes from the phantom generator's lesion model, zones from its anatomy. */
export interface DemoDesign {
	inputSize: number;
	/** Lesion diameters of the matched filters (the generator draws 4–20 mm). */
	lesionDiametersMm: number[];
	/** Template half-width ÷ lesion radius: the surround whose mean is removed. */
	surroundFactor: number;
	/** Normalised input levels (0 = −160 HU, 1 = 240 HU) and the ramp gain of the masks. */
	boneLevel: number;
	fatLevel: number;
	maskGain: number;
	/** Bone zone reach in input pixels: up (anterior), down, to each side. */
	boneZone: { up: number; down: number; side: number };
	/** Fat/air zone half-width in input pixels. */
	fatZoneRadius: number;
}

/** The graph's numbers: filters standardised on the calibration set, and the heatmap's affine map. */
export interface DemoGraphParameters {
	/** Side of the square filters (odd, input pixels). */
	filterSize: number;
	/** K filters, each filterSize² weights row-major, already standardised (÷ sd). */
	filters: number[][];
	/** Per filter: − mean / sd, so a filter's response on lesion-free tissue has mean 0, sd 1. */
	filterBias: number[];
	heatGain: number;
	heatOffset: number;
}

export type Attribute = { name: string } & ({ i: number } | { ints: number[] } | { f: number });

function attribute(spec: Attribute): onnxProto.onnx.IAttributeProto {
	if ('ints' in spec)
		return { name: spec.name, type: onnx.AttributeProto.AttributeType.INTS, ints: spec.ints };
	if ('i' in spec)
		return { name: spec.name, type: onnx.AttributeProto.AttributeType.INT, i: spec.i };
	return { name: spec.name, type: onnx.AttributeProto.AttributeType.FLOAT, f: spec.f };
}

/** One graph node with one output, named after its output. Shared by the mammography detector. */
export function node(
	opType: string,
	input: string[],
	output: string,
	attributes: Attribute[] = []
): onnxProto.onnx.INodeProto {
	return { opType, input, output: [output], name: output, attribute: attributes.map(attribute) };
}

export function floatTensor(
	name: string,
	dims: number[],
	values: ArrayLike<number>
): onnxProto.onnx.ITensorProto {
	const data = Float32Array.from(values);
	const raw = new Uint8Array(data.length * 4);
	const view = new DataView(raw.buffer);
	data.forEach((value, index) => view.setFloat32(index * 4, value, true));
	return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: raw };
}

export function valueInfo(name: string, dims: number[]): onnxProto.onnx.IValueInfoProto {
	return {
		name,
		type: {
			tensorType: {
				elemType: onnx.TensorProto.DataType.FLOAT,
				shape: { dim: dims.map((dimValue) => ({ dimValue })) }
			}
		}
	};
}

function maskNodes(design: DemoDesign): onnxProto.onnx.INodeProto[] {
	const { up, down, side } = design.boneZone;
	const fat = design.fatZoneRadius;
	return [
		node('Sub', [INPUT_NAME, 'bone_level'], 'bone_excess'),
		node('Mul', ['bone_excess', 'mask_gain'], 'bone_ramp'),
		node('Clip', ['bone_ramp', 'zero', 'one'], 'bone'),
		// Output row r takes the maximum over rows r − down … r + up: bone up to `up` rows below it.
		node('MaxPool', ['bone'], 'bone_zone', [
			{ name: 'kernel_shape', ints: [up + down + 1, 2 * side + 1] },
			{ name: 'pads', ints: [down, side, up, side] }
		]),
		node('Sub', ['fat_level', INPUT_NAME], 'fat_excess'),
		node('Mul', ['fat_excess', 'mask_gain'], 'fat_ramp'),
		node('Clip', ['fat_ramp', 'zero', 'one'], 'fat'),
		node('MaxPool', ['fat'], 'fat_zone', [
			{ name: 'kernel_shape', ints: [2 * fat + 1, 2 * fat + 1] },
			{ name: 'pads', ints: [fat, fat, fat, fat] }
		]),
		node('Max', ['bone_zone', 'fat_zone'], 'excluded'),
		node('Sub', ['one', 'excluded'], 'allowed')
	];
}

/**
 * The model bytes. `probe` adds two outputs used only by calibration: `gated_evidence` (the
 * heatmap before its affine map and sigmoid) and `allowed` (1 where the detector may respond).
 */
export function buildDemoModel(
	design: DemoDesign,
	parameters: DemoGraphParameters,
	options: { probe?: boolean; docString?: string } = {}
): Uint8Array {
	const size = parameters.filterSize;
	const count = parameters.filters.length;
	const pad = (size - 1) / 2;
	const side = design.inputSize;
	const initializer = [
		floatTensor('filters', [count, 1, size, size], parameters.filters.flat()),
		floatTensor('filter_bias', [count], parameters.filterBias),
		floatTensor('bone_level', [], [design.boneLevel]),
		floatTensor('fat_level', [], [design.fatLevel]),
		floatTensor('mask_gain', [], [design.maskGain]),
		floatTensor('zero', [], [0]),
		floatTensor('one', [], [1]),
		floatTensor('heat_gain', [], [parameters.heatGain]),
		floatTensor('heat_offset', [], [parameters.heatOffset])
	];
	const nodes = [
		node('Conv', [INPUT_NAME, 'filters', 'filter_bias'], 'responses', [
			{ name: 'kernel_shape', ints: [size, size] },
			{ name: 'pads', ints: [pad, pad, pad, pad] }
		]),
		node('ReduceMax', ['responses'], 'best_response', [
			{ name: 'axes', ints: [1] },
			{ name: 'keepdims', i: 1 }
		]),
		node('Relu', ['best_response'], 'evidence'),
		...maskNodes(design),
		node('Mul', ['evidence', 'allowed'], 'gated_evidence'),
		node('Mul', ['gated_evidence', 'heat_gain'], 'heat_scaled'),
		node('Add', ['heat_scaled', 'heat_offset'], 'heat_logit'),
		node('Sigmoid', ['heat_logit'], HEATMAP_OUTPUT),
		node('GlobalMaxPool', [HEATMAP_OUTPUT], 'score_map'),
		node('Flatten', ['score_map'], SCORE_OUTPUT, [{ name: 'axis', i: 1 }])
	];
	const outputs = [valueInfo(SCORE_OUTPUT, [1, 1]), valueInfo(HEATMAP_OUTPUT, [1, 1, side, side])];
	if (options.probe) {
		outputs.push(
			valueInfo('gated_evidence', [1, 1, side, side]),
			valueInfo('allowed', [1, 1, side, side])
		);
	}
	const model = onnx.ModelProto.create({
		irVersion: 7,
		opsetImport: [{ domain: '', version: OPSET }],
		producerName: 'tandem scripts/demo/model',
		producerVersion: '1',
		docString: options.docString ?? '',
		graph: {
			name: 'demo_lesion_detector',
			node: nodes,
			initializer,
			input: [valueInfo(INPUT_NAME, [1, 1, side, side])],
			output: outputs
		}
	});
	return onnx.ModelProto.encode(model).finish();
}
