// A read as the database stores it, looked up by its assignment's public id: for the browser
// tests that check what the workstation sent (decision, confidence, the marks with their ratings).
import { query } from './database.fixture';

export interface StoredMark {
	image: number;
	frame?: number;
	x: number;
	y: number;
	confidence: number;
	box?: { x0: number; y0: number; x1: number; y1: number };
}

export interface StoredRead {
	decision: number;
	confidence: number;
	marks: StoredMark[];
}

/** The reads stored for the assignment (none, or one). */
export async function storedReads(assignment: string): Promise<StoredRead[]> {
	return (
		await query<{ decision: number; confidence: number; marks: string }>(
			`SELECT r.decision, r.confidence, r.marks_json AS marks FROM reads r
		 JOIN assignments a ON a.id = r.assignment_id WHERE a.public_id = ?`,
			assignment
		)
	).map((row) => ({ ...row, marks: JSON.parse(row.marks) as StoredMark[] }));
}
