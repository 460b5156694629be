// Mean squares of the modality × reader × case ANOVA of jackknife pseudovalues (Dorfman,
// Berbaum & Metz 1992), plus the per-modality (reader × case) and per-reader (modality ×
// case) mean squares RJafroc uses for single-modality intervals and per-reader contrasts.

/** Pseudovalues Y[m][j][k] for modality m, reader j, case k. */
export type PseudovalueCube = Float64Array[][];

export interface DbmMeanSquares {
	msT: number;
	msR: number;
	msC: number;
	msTR: number;
	msTC: number;
	msRC: number;
	msTRC: number;
	/** Per modality: MS(R), MS(C), MS(R×C) of that modality's reader × case table. */
	byModality: Array<{ msR: number; msC: number; msRC: number }>;
	/** Per reader: MS(T×C) of that reader's modality × case table. */
	byReaderMsTC: Float64Array;
	modalityMeans: Float64Array;
}

function mean(values: ArrayLike<number>): number {
	let sum = 0;
	for (let k = 0; k < values.length; k++) sum += values[k] as number;
	return sum / values.length;
}

/** Means over every margin of the cube. */
function margins(y: PseudovalueCube) {
	const [t, r, c] = [y.length, y[0]?.length ?? 0, y[0]?.[0]?.length ?? 0];
	const cell = y.map((byReader) => Float64Array.from(byReader, mean)); // Ȳ_mj·
	const modalityCase = y.map((byReader) => {
		const sums = new Float64Array(c);
		for (const series of byReader)
			for (let k = 0; k < c; k++) sums[k] = (sums[k] as number) + (series[k] as number) / r;
		return sums; // Ȳ_m·k
	});
	const readerCase = Array.from({ length: r }, (_, j) => {
		const sums = new Float64Array(c);
		for (let m = 0; m < t; m++) {
			const series = (y[m] as Float64Array[])[j] as Float64Array;
			for (let k = 0; k < c; k++) sums[k] = (sums[k] as number) + (series[k] as number) / t;
		}
		return sums; // Ȳ_·jk
	});
	const modality = Float64Array.from(cell, mean);
	const reader = Float64Array.from({ length: r }, (_, j) =>
		mean(cell.map((row) => row[j] as number))
	);
	const caseMeans = new Float64Array(c);
	for (const row of modalityCase)
		for (let k = 0; k < c; k++) caseMeans[k] = (caseMeans[k] as number) + (row[k] as number) / t;
	return {
		t,
		r,
		c,
		cell,
		modalityCase,
		readerCase,
		modality,
		reader,
		caseMeans,
		grand: mean(modality)
	};
}

/** Three-way ANOVA mean squares of the pseudovalues. */
export function dbmMeanSquares(y: PseudovalueCube): DbmMeanSquares {
	const g = margins(y);
	const { t, r, c } = g;
	let [ssT, ssR, ssC, ssTR, ssTC, ssRC, ssTRC] = [0, 0, 0, 0, 0, 0, 0];
	for (let m = 0; m < t; m++) ssT += r * c * ((g.modality[m] as number) - g.grand) ** 2;
	for (let j = 0; j < r; j++) ssR += t * c * ((g.reader[j] as number) - g.grand) ** 2;
	for (let k = 0; k < c; k++) ssC += t * r * ((g.caseMeans[k] as number) - g.grand) ** 2;
	for (let m = 0; m < t; m++) {
		for (let j = 0; j < r; j++) {
			const cellMean = (g.cell[m] as Float64Array)[j] as number;
			ssTR += c * (cellMean - (g.modality[m] as number) - (g.reader[j] as number) + g.grand) ** 2;
		}
		for (let k = 0; k < c; k++) {
			const value = (g.modalityCase[m] as Float64Array)[k] as number;
			ssTC += r * (value - (g.modality[m] as number) - (g.caseMeans[k] as number) + g.grand) ** 2;
		}
	}
	for (let j = 0; j < r; j++) {
		for (let k = 0; k < c; k++) {
			const value = (g.readerCase[j] as Float64Array)[k] as number;
			ssRC += t * (value - (g.reader[j] as number) - (g.caseMeans[k] as number) + g.grand) ** 2;
		}
	}
	for (let m = 0; m < t; m++) {
		for (let j = 0; j < r; j++) {
			const series = (y[m] as Float64Array[])[j] as Float64Array;
			const cellMean = (g.cell[m] as Float64Array)[j] as number;
			const modalityCase = g.modalityCase[m] as Float64Array;
			const readerCase = g.readerCase[j] as Float64Array;
			const base = -cellMean + (g.modality[m] as number) + (g.reader[j] as number) - g.grand;
			for (let k = 0; k < c; k++) {
				const residual =
					(series[k] as number) -
					(modalityCase[k] as number) -
					(readerCase[k] as number) +
					(g.caseMeans[k] as number) +
					base;
				ssTRC += residual * residual;
			}
		}
	}
	return {
		msT: ssT / (t - 1),
		msR: ssR / (r - 1),
		msC: ssC / (c - 1),
		msTR: ssTR / ((t - 1) * (r - 1)),
		msTC: ssTC / ((t - 1) * (c - 1)),
		msRC: ssRC / ((r - 1) * (c - 1)),
		msTRC: ssTRC / ((t - 1) * (r - 1) * (c - 1)),
		byModality: y.map(twoWayReaderCase),
		byReaderMsTC: Float64Array.from({ length: r }, (_, j) =>
			interactionWithCases(y.map((byReader) => byReader[j] as Float64Array))
		),
		modalityMeans: g.modality
	};
}

/** Reader × case two-way ANOVA of one modality's pseudovalues. */
function twoWayReaderCase(byReader: Float64Array[]): { msR: number; msC: number; msRC: number } {
	const [r, c] = [byReader.length, byReader[0]?.length ?? 0];
	const readerMeans = Float64Array.from(byReader, mean);
	const caseMeans = new Float64Array(c);
	for (const series of byReader)
		for (let k = 0; k < c; k++) caseMeans[k] = (caseMeans[k] as number) + (series[k] as number) / r;
	const grand = mean(readerMeans);
	let [ssR, ssC, ssRC] = [0, 0, 0];
	for (let j = 0; j < r; j++) ssR += c * ((readerMeans[j] as number) - grand) ** 2;
	for (let k = 0; k < c; k++) ssC += r * ((caseMeans[k] as number) - grand) ** 2;
	byReader.forEach((series, j) => {
		for (let k = 0; k < c; k++) {
			ssRC +=
				((series[k] as number) - (readerMeans[j] as number) - (caseMeans[k] as number) + grand) **
				2;
		}
	});
	return { msR: ssR / (r - 1), msC: ssC / (c - 1), msRC: ssRC / ((r - 1) * (c - 1)) };
}

/** MS(row × case) of a rows × cases table (here: one reader's modalities × cases). */
function interactionWithCases(rows: Float64Array[]): number {
	return twoWayReaderCase(rows).msRC;
}
