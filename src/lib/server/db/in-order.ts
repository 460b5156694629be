// Array work whose step awaits the database, one item after the other: the order the synchronous
// code had, and one statement at a time on a transaction's single connection (Promise.all would
// interleave the items' statements, e.g. two audit rows read the same chain head).

export async function mapInOrder<T, R>(
	items: readonly T[],
	step: (item: T, index: number) => Promise<R>
): Promise<R[]> {
	const results: R[] = [];
	for (const [index, item] of items.entries()) results.push(await step(item, index));
	return results;
}

export async function flatMapInOrder<T, R>(
	items: readonly T[],
	step: (item: T, index: number) => Promise<R | readonly R[]>
): Promise<R[]> {
	const results: R[] = [];
	for (const [index, item] of items.entries()) {
		const result = await step(item, index);
		if (Array.isArray(result)) results.push(...(result as readonly R[]));
		else results.push(result as R);
	}
	return results;
}

export async function forEachInOrder<T>(
	items: readonly T[],
	step: (item: T, index: number) => Promise<unknown>
): Promise<void> {
	for (const [index, item] of items.entries()) await step(item, index);
}

export async function filterInOrder<T>(
	items: readonly T[],
	keep: (item: T, index: number) => Promise<boolean>
): Promise<T[]> {
	const kept: T[] = [];
	for (const [index, item] of items.entries()) if (await keep(item, index)) kept.push(item);
	return kept;
}

export async function findInOrder<T>(
	items: readonly T[],
	match: (item: T, index: number) => Promise<boolean>
): Promise<T | undefined> {
	for (const [index, item] of items.entries()) if (await match(item, index)) return item;
	return undefined;
}

export async function someInOrder<T>(
	items: readonly T[],
	match: (item: T, index: number) => Promise<boolean>
): Promise<boolean> {
	for (const [index, item] of items.entries()) if (await match(item, index)) return true;
	return false;
}

export async function everyInOrder<T>(
	items: readonly T[],
	match: (item: T, index: number) => Promise<boolean>
): Promise<boolean> {
	for (const [index, item] of items.entries()) if (!(await match(item, index))) return false;
	return true;
}
