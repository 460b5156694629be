// The mammography demo detector as an ONNX graph (opset 13), built from the CT demo model's
// blocks (scripts/demo/model/demo-model-graph.ts). Input: one view [1, 1, 2048, 1664] (0.14 mm,
// 0…4096 → 0…1). Two branches on a grid of 8 × 8-pixel cells (1.12 mm):
//
//   calcifications
//   around   = ReduceMax(Conv(Pad_edge(image), 4 directional means))  the brightest of the means
//                                                   2–3 px to the left, right, above and below
//   specks   = Relu(image − around − speckLevel)    a speck is brighter than every side; an edge
//                                                   (skin, pectoral muscle) has one side as bright
//   cluster  = AveragePool(AveragePool(specks, 8 × 8, stride 8) × allowed, 9 × 9) ÷ clusterUnit
//                                                   speck density over 10 mm
//   masses
//   cells    = AveragePool(image, 8 × 8, stride 8)
//   blob_s   = centre − ReduceMax(8 sides)          per scale s: Conv(Pad_edge(cells)) gives the
//                                                   mean of a box at the centre and of eight boxes
//                                                   just beyond a mass of that size; a mass is
//                                                   brighter than all eight, an edge or a gland
//                                                   strand has a side as bright
//   mass     = Relu(ReduceMax over scales) × allowed
//
//   allowed  = 1 − MaxPool(Clip((breastLevel − cells) × gain, 0, 1))     cells away from the skin line
//   evidence = Max((cluster − m_c) / s_c, (mass − m_m) / s_m)   each branch in units of its view
//                                                   maxima on normal calibration views
//   heatmap  = MaxPool(Sigmoid(heatGain × evidence + heatOffset), 2 × 2)
//   score    = GlobalMaxPool(heatmap), flattened to [1, 1]
//
// Deterministic bytes, as the CT demo's model.
import onnxProto from 'onnx-proto';
import {
	floatTensor,
	HEATMAP_OUTPUT,
	INPUT_NAME,
	node,
	OPSET,
	SCORE_OUTPUT,
	valueInfo
} from '../../model/demo-model-graph';
import type { MammoDesign, MassScale, ViewMaximum } from './mammo-detector-design';

const { onnx } = onnxProto;

export interface MammoGraphParameters {
	viewMaxima: { calcifications: ViewMaximum; mass: ViewMaximum };
	heatGain: number;
	heatOffset: number;
}

/** Raw branch values: each branch's evidence is its value itself (for calibration's probe). */
export const RAW_BRANCHES: MammoGraphParameters['viewMaxima'] = {
	calcifications: { mean: 0, sd: 1 },
	mass: { mean: 0, sd: 1 }
};

/**
 * The nine box means of a mass scale as one Conv's kernels (side 2·(offset + side) + 1): the
 * centre box, then the eight side boxes from 0° (right) on, counter-clockwise in image terms.
 */
export function massKernels(scale: MassScale): { size: number; kernels: number[][] } {
	const half = scale.offset + scale.side;
	const size = 2 * half + 1;
	const diagonal = Math.round(scale.offset / Math.SQRT2);
	const o = scale.offset;
	const boxes: Array<[number, number, number]> = [
		[0, 0, scale.centre],
		...(
			[
				[o, 0],
				[diagonal, -diagonal],
				[0, -o],
				[-diagonal, -diagonal],
				[-o, 0],
				[-diagonal, diagonal],
				[0, o],
				[diagonal, diagonal]
			] as Array<[number, number]>
		).map(([dx, dy]): [number, number, number] => [dx, dy, scale.side])
	];
	const kernels = boxes.map(([dx, dy, radius]) => {
		const kernel = Array<number>(size * size).fill(0);
		const weight = 1 / (2 * radius + 1) ** 2;
		for (let y = dy - radius; y <= dy + radius; y += 1)
			for (let x = dx - radius; x <= dx + radius; x += 1)
				kernel[(y + half) * size + x + half] = weight;
		return kernel;
	});
	return { size, kernels };
}

function stringAttribute(name: string, value: string): onnxProto.onnx.IAttributeProto {
	return {
		name,
		type: onnx.AttributeProto.AttributeType.STRING,
		s: new TextEncoder().encode(value)
	};
}

/** The nodes and initializers of the mass branch: `cells` → `mass_blob` (before gating). */
function massBranch(design: MammoDesign) {
	const initializer: onnxProto.onnx.ITensorProto[] = [];
	const nodes: onnxProto.onnx.INodeProto[] = [];
	const responses: string[] = [];
	design.massScales.forEach((scale, index) => {
		const { size, kernels } = massKernels(scale);
		const half = (size - 1) / 2;
		const name = (what: string) => `mass${index}_${what}`;
		initializer.push(
			int64Tensor(name('pads'), [0, 0, half, half, 0, 0, half, half]),
			floatTensor(name('boxes'), [kernels.length, 1, size, size], kernels.flat())
		);
		const pad = node('Pad', ['cells', name('pads')], name('padded'));
		pad.attribute = [stringAttribute('mode', 'edge')];
		nodes.push(
			pad,
			node('Conv', [name('padded'), name('boxes')], name('means'), [
				{ name: 'kernel_shape', ints: [size, size] }
			]),
			node('Slice', [name('means'), 'first', 'second', 'channel_axis'], name('centre')),
			node('Slice', [name('means'), 'second', 'last', 'channel_axis'], name('sides')),
			node('ReduceMax', [name('sides')], name('brightest_side'), [
				{ name: 'axes', ints: [1] },
				{ name: 'keepdims', i: 1 }
			]),
			node('Sub', [name('centre'), name('brightest_side')], name('response'))
		);
		responses.push(name('response'));
	});
	initializer.push(
		int64Tensor('first', [0]),
		int64Tensor('second', [1]),
		int64Tensor('last', [9]),
		int64Tensor('channel_axis', [1])
	);
	nodes.push(
		node('Concat', responses, 'mass_responses', [{ name: 'axis', i: 1 }]),
		node('ReduceMax', ['mass_responses'], 'mass_best', [
			{ name: 'axes', ints: [1] },
			{ name: 'keepdims', i: 1 }
		]),
		node('Relu', ['mass_best'], 'mass_blob')
	);
	return { initializer, nodes };
}

/** Four 7 × 7 kernels (reach 3): the mean of a 2 × 3 strip 2–3 px to the left, right, above, below. */
export function directionalKernels(reach: number): number[][] {
	const size = 2 * reach + 1;
	const directions: Array<[number, number]> = [
		[-1, 0],
		[1, 0],
		[0, -1],
		[0, 1]
	];
	return directions.map(([dx, dy]) => {
		const kernel = Array<number>(size * size).fill(0);
		const taps: number[] = [];
		for (let step = reach - 1; step <= reach; step += 1) {
			for (let across = -1; across <= 1; across += 1) {
				const x = reach + dx * step + (dy === 0 ? 0 : across);
				const y = reach + dy * step + (dx === 0 ? 0 : across);
				taps.push(y * size + x);
			}
		}
		for (const tap of taps) kernel[tap] = 1 / taps.length;
		return kernel;
	});
}

function int64Tensor(name: string, values: number[]): onnxProto.onnx.ITensorProto {
	const data = BigInt64Array.from(values.map(BigInt));
	return {
		name,
		dims: [values.length],
		dataType: onnx.TensorProto.DataType.INT64,
		rawData: new Uint8Array(data.buffer)
	};
}

/**
 * The model bytes; `probe` adds the outputs `calcifications` and `mass` (each branch's value per
 * cell, gated, before its standardisation) for calibration.
 */
export function buildMammoDetector(
	design: MammoDesign,
	input: { width: number; height: number },
	parameters: MammoGraphParameters,
	options: { probe?: boolean; docString?: string } = {}
): Uint8Array {
	const reach = design.speckReach;
	const size = 2 * reach + 1;
	const cellsHigh = input.height / design.cell;
	const cellsWide = input.width / design.cell;
	const heatHigh = cellsHigh / design.heatmapCells;
	const heatWide = cellsWide / design.heatmapCells;
	const cluster = (design.clusterCells - 1) / 2;
	const margin = design.skinMargin;
	const { calcifications, mass } = parameters.viewMaxima;
	const masses = massBranch(design);
	const initializer = [
		int64Tensor('edge_pads', [0, 0, reach, reach, 0, 0, reach, reach]),
		floatTensor('directions', [4, 1, size, size], directionalKernels(reach).flat()),
		floatTensor('speck_level', [], [design.speckLevel]),
		floatTensor('breast_level', [], [design.breastLevel]),
		floatTensor('mask_gain', [], [design.maskGain]),
		floatTensor('zero', [], [0]),
		floatTensor('one', [], [1]),
		floatTensor('evidence_scale', [], [1 / design.clusterUnit]),
		floatTensor('calcification_scale', [], [1 / calcifications.sd]),
		floatTensor('calcification_bias', [], [-calcifications.mean / calcifications.sd]),
		floatTensor('mass_scale', [], [1 / mass.sd]),
		floatTensor('mass_bias', [], [-mass.mean / mass.sd]),
		floatTensor('heat_gain', [], [parameters.heatGain]),
		floatTensor('heat_offset', [], [parameters.heatOffset]),
		...masses.initializer
	];
	const cellPool = [
		{ name: 'kernel_shape', ints: [design.cell, design.cell] },
		{ name: 'strides', ints: [design.cell, design.cell] }
	];
	const nodes = [
		// Pad's mode is a string attribute: set below.
		node('Pad', [INPUT_NAME, 'edge_pads'], 'padded'),
		node('Conv', ['padded', 'directions'], 'side_means', [
			{ name: 'kernel_shape', ints: [size, size] }
		]),
		node('ReduceMax', ['side_means'], 'around', [
			{ name: 'axes', ints: [1] },
			{ name: 'keepdims', i: 1 }
		]),
		node('Sub', [INPUT_NAME, 'around'], 'excess'),
		node('Sub', ['excess', 'speck_level'], 'speck_excess'),
		node('Relu', ['speck_excess'], 'specks'),
		node('AveragePool', ['specks'], 'speck_cells', cellPool),
		node('AveragePool', [INPUT_NAME], 'cells', cellPool),
		node('Sub', ['breast_level', 'cells'], 'outside_excess'),
		node('Mul', ['outside_excess', 'mask_gain'], 'outside_ramp'),
		node('Clip', ['outside_ramp', 'zero', 'one'], 'outside'),
		node('MaxPool', ['outside'], 'near_skin', [
			{ name: 'kernel_shape', ints: [2 * margin + 1, 2 * margin + 1] },
			{ name: 'pads', ints: [margin, margin, margin, margin] }
		]),
		node('Sub', ['one', 'near_skin'], 'allowed'),
		node('Mul', ['speck_cells', 'allowed'], 'gated_cells'),
		node('AveragePool', ['gated_cells'], 'cluster', [
			{ name: 'kernel_shape', ints: [design.clusterCells, design.clusterCells] },
			{ name: 'pads', ints: [cluster, cluster, cluster, cluster] },
			{ name: 'count_include_pad', i: 1 }
		]),
		node('Mul', ['cluster', 'evidence_scale'], 'calcifications'),
		...masses.nodes,
		node('Mul', ['mass_blob', 'allowed'], 'mass'),
		node('Mul', ['calcifications', 'calcification_scale'], 'calcification_scaled'),
		node('Add', ['calcification_scaled', 'calcification_bias'], 'calcification_evidence'),
		node('Mul', ['mass', 'mass_scale'], 'mass_scaled'),
		node('Add', ['mass_scaled', 'mass_bias'], 'mass_evidence'),
		node('Max', ['calcification_evidence', 'mass_evidence'], 'evidence'),
		node('Mul', ['evidence', 'heat_gain'], 'heat_scaled'),
		node('Add', ['heat_scaled', 'heat_offset'], 'heat_logit'),
		node('Sigmoid', ['heat_logit'], 'heat_cells'),
		node('MaxPool', ['heat_cells'], HEATMAP_OUTPUT, [
			{ name: 'kernel_shape', ints: [design.heatmapCells, design.heatmapCells] },
			{ name: 'strides', ints: [design.heatmapCells, design.heatmapCells] }
		]),
		node('GlobalMaxPool', [HEATMAP_OUTPUT], 'score_map'),
		node('Flatten', ['score_map'], SCORE_OUTPUT, [{ name: 'axis', i: 1 }])
	];
	nodes[0]!.attribute = [stringAttribute('mode', 'edge')];
	const outputs = [
		valueInfo(SCORE_OUTPUT, [1, 1]),
		valueInfo(HEATMAP_OUTPUT, [1, 1, heatHigh, heatWide])
	];
	if (options.probe)
		outputs.push(
			valueInfo('calcifications', [1, 1, cellsHigh, cellsWide]),
			valueInfo('mass', [1, 1, cellsHigh, cellsWide])
		);
	const model = onnx.ModelProto.create({
		irVersion: 7,
		opsetImport: [{ domain: '', version: OPSET }],
		producerName: 'tandem scripts/demo/mammography/model',
		producerVersion: '1',
		docString: options.docString ?? '',
		graph: {
			name: 'demo_mammography_detector',
			node: nodes,
			initializer,
			input: [valueInfo(INPUT_NAME, [1, 1, input.height, input.width])],
			output: outputs
		}
	});
	return onnx.ModelProto.encode(model).finish();
}
