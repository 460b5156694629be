// The mammography demo detector as an ONNX graph (opset 13), built from the CT demo model's
// blocks (scripts/demo/model/demo-model-graph.ts). Input: one view [1, 1, 2048, 1664] (0.14 mm,
// 0…4096 → 0…1). Graph:
//
//   around   = ReduceMax(Conv(Pad_edge(image), 4 directional means))  the brightest of the means
//                                                   2–3 px to the left, right, above and below
//   specks   = Relu(image − around − speckLevel)    a speck is brighter than every side; an edge
//                                                   (skin, pectoral muscle) has one side as bright
//   allowed  = 1 − MaxPool(Clip((breastLevel − cells) × gain, 0, 1))     cells away from the skin line
//   cluster  = AveragePool(AveragePool(specks, 8 × 8, stride 8) × allowed, 9 × 9)   speck density
//                                                   over 10 mm, specks at the skin line left out
//   heatmap  = MaxPool(Sigmoid(heatGain × cluster ÷ clusterUnit + heatOffset), 2 × 2)
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
import type { MammoDesign } from './mammo-detector-design';

const { onnx } = onnxProto;

export interface MammoGraphParameters {
	heatGain: number;
	heatOffset: number;
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

/** The model bytes; `probe` adds the output `evidence` (cells, before the sigmoid) for calibration. */
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
	const initializer = [
		int64Tensor('edge_pads', [0, 0, reach, reach, 0, 0, reach, reach]),
		floatTensor('directions', [4, 1, size, size], directionalKernels(reach).flat()),
		floatTensor('speck_level', [], [design.speckLevel]),
		floatTensor('breast_level', [], [design.breastLevel]),
		floatTensor('mask_gain', [], [design.maskGain]),
		floatTensor('zero', [], [0]),
		floatTensor('one', [], [1]),
		floatTensor('evidence_scale', [], [1 / design.clusterUnit]),
		floatTensor('heat_gain', [], [parameters.heatGain]),
		floatTensor('heat_offset', [], [parameters.heatOffset])
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
		node('Mul', ['cluster', 'evidence_scale'], 'evidence'),
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
	nodes[0]!.attribute = [
		{
			name: 'mode',
			type: onnx.AttributeProto.AttributeType.STRING,
			s: new TextEncoder().encode('edge')
		}
	];
	const outputs = [
		valueInfo(SCORE_OUTPUT, [1, 1]),
		valueInfo(HEATMAP_OUTPUT, [1, 1, heatHigh, heatWide])
	];
	if (options.probe) outputs.push(valueInfo('evidence', [1, 1, cellsHigh, cellsWide]));
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
