// The blinded reads table every peer-format writer (MRMCaov, iMRMC, RJafroc) starts from,
// checked once: a fully crossed design (every reader reads every case in every modality), one
// truth per case, both truth classes, finite ratings, and ids that no peer format can misread.
// The peers would otherwise fail later with an error far from the cause, or silently analyse
// a different design. Readers, modalities and cases come out in natural order, so the files
// are the same whatever order the reads arrive in.
import { compareNatural } from '../natural-order';
import type { ReadRow } from '../input/read-row';

/** One read of the blinded reads table (ids are already blinding codes, e.g. RDR-3F2A1C). */
export type PeerRead = Pick<
	ReadRow,
	'reader' | 'modality' | 'case' | 'truth' | 'rating' | 'decision' | 'timeMs'
>;

/** A file of the export's peer-formats/ folder: a name inside that folder and its contents. */
export interface PeerFile {
	fileName: string;
	contents: string | Uint8Array;
}

export class PeerFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PeerFormatError';
	}
}

/** The reads as a reader × modality × case grid, ids in natural order. */
export interface CrossedReads {
	readers: string[];
	modalities: string[];
	cases: string[];
	/** Truth per case, indexed like `cases`. */
	truth: Uint8Array;
	/** Whether any read has a decision / a reading time (the optional columns to write). */
	hasDecision: boolean;
	hasTime: boolean;
	/** The read of reader r in modality m on case c (indices into the arrays above). */
	read(modality: number, reader: number, caseIndex: number): PeerRead;
}

// Characters some peer format would split on or strip: iMRMC splits on commas and removes all
// whitespace, R's read.csv and the CSV writers quote on '"', and iMRMC/RJafroc read header
// lines as "KEY: value", so a colon in an id copied into a header could be taken for a key.
const UNSAFE_ID = /[\s,"':\p{Cc}]/u;

function label(read: PeerRead): string {
	return `reader '${read.reader}', modality '${read.modality}', case '${read.case}'`;
}

function checkId(value: unknown, field: 'reader' | 'modality' | 'case', index: number): void {
	if (typeof value !== 'string' || value === '') {
		throw new PeerFormatError(`read ${index + 1}: ${field} id is missing or empty`);
	}
	if (UNSAFE_ID.test(value)) {
		throw new PeerFormatError(
			`read ${index + 1}: ${field} id '${value}' contains whitespace, a comma, a quote, a colon or a control character, which the peer formats cannot carry`
		);
	}
}

function checkRead(read: PeerRead, index: number): void {
	checkId(read.reader, 'reader', index);
	checkId(read.modality, 'modality', index);
	checkId(read.case, 'case', index);
	const where = `read ${index + 1} (${label(read)})`;
	if (read.truth !== 0 && read.truth !== 1)
		throw new PeerFormatError(`${where}: truth must be 0 or 1, got ${String(read.truth)}`);
	if (typeof read.rating !== 'number' || !Number.isFinite(read.rating)) {
		throw new PeerFormatError(
			`${where}: rating must be a finite number, got ${String(read.rating)}`
		);
	}
	const decision = read.decision;
	if (decision !== undefined && decision !== null && decision !== 0 && decision !== 1) {
		throw new PeerFormatError(`${where}: decision must be 0, 1 or empty, got ${String(decision)}`);
	}
	const time = read.timeMs;
	if (
		time !== undefined &&
		time !== null &&
		!(typeof time === 'number' && Number.isFinite(time) && time > 0)
	) {
		throw new PeerFormatError(
			`${where}: reading time must be a positive number of milliseconds or empty, got ${String(time)}`
		);
	}
}

function naturalIndex(ids: Iterable<string>): { sorted: string[]; position: Map<string, number> } {
	const sorted = [...ids].sort(compareNatural);
	return { sorted, position: new Map(sorted.map((id, index) => [id, index])) };
}

/**
 * Check the reads and arrange them as a fully crossed grid. Throws PeerFormatError naming the
 * read (1-based position in the input) or the reader, modality and case at fault.
 */
export function crossReads(reads: readonly PeerRead[]): CrossedReads {
	if (reads.length === 0)
		throw new PeerFormatError('the reads table is empty: there is nothing to export');
	const truthOf = new Map<string, { truth: 0 | 1; index: number }>();
	const readerIds = new Set<string>();
	const modalityIds = new Set<string>();
	reads.forEach((read, index) => {
		checkRead(read, index);
		readerIds.add(read.reader);
		modalityIds.add(read.modality);
		const earlier = truthOf.get(read.case);
		if (!earlier) truthOf.set(read.case, { truth: read.truth, index });
		else if (earlier.truth !== read.truth) {
			throw new PeerFormatError(
				`case '${read.case}' has truth ${read.truth} in read ${index + 1} but ${earlier.truth} in read ${earlier.index + 1}`
			);
		}
	});
	const readers = naturalIndex(readerIds);
	const modalities = naturalIndex(modalityIds);
	const cases = naturalIndex(truthOf.keys());
	const [t, r, n] = [modalities.sorted.length, readers.sorted.length, cases.sorted.length];
	const grid = new Int32Array(t * r * n).fill(-1);
	reads.forEach((read, index) => {
		const slot =
			((modalities.position.get(read.modality) as number) * r +
				(readers.position.get(read.reader) as number)) *
				n +
			(cases.position.get(read.case) as number);
		const earlier = grid[slot] as number;
		if (earlier >= 0)
			throw new PeerFormatError(
				`duplicate read: ${label(read)} appears as reads ${earlier + 1} and ${index + 1}`
			);
		grid[slot] = index;
	});
	const missing = grid.indexOf(-1);
	if (missing >= 0) {
		const caseIndex = missing % n;
		const reader = Math.floor(missing / n) % r;
		const modality = Math.floor(missing / (n * r));
		const count = grid.reduce((sum, value) => sum + (value < 0 ? 1 : 0), 0);
		throw new PeerFormatError(
			`missing read: reader '${readers.sorted[reader]}', modality '${modalities.sorted[modality]}', case '${cases.sorted[caseIndex]}' ` +
				`(${count} of ${grid.length} reads are missing; every reader must read every case in every modality)`
		);
	}
	const truth = Uint8Array.from(cases.sorted, (id) => (truthOf.get(id) as { truth: 0 | 1 }).truth);
	const positive = truth.reduce((sum, value) => sum + value, 0);
	if (positive === 0 || positive === n) {
		throw new PeerFormatError(
			`every case is ${positive === 0 ? 'non-diseased (truth 0)' : 'diseased (truth 1)'}; an MRMC analysis needs at least one diseased and one non-diseased case`
		);
	}
	return {
		readers: readers.sorted,
		modalities: modalities.sorted,
		cases: cases.sorted,
		truth,
		hasDecision: reads.some((read) => read.decision === 0 || read.decision === 1),
		hasTime: reads.some((read) => typeof read.timeMs === 'number'),
		read: (modality, reader, caseIndex) =>
			reads[grid[(modality * r + reader) * n + caseIndex] as number] as PeerRead
	};
}

/**
 * A number as every peer reads it back exactly: the shortest decimal that round-trips to the
 * same double (ECMAScript Number::toString), which R's read.csv/as.numeric, Java's
 * Double.valueOf and Excel all parse, exponent form ("1e-7") included. −0 is written as 0.
 */
export function formatNumber(value: number): string {
	if (!Number.isFinite(value))
		throw new PeerFormatError(`cannot write the non-finite number ${value}`);
	return Object.is(value, -0) ? '0' : String(value);
}
