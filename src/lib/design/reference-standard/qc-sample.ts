// The QC sample of a reference standard (issue 19, seed 001: at least 10 % re-checked before the
// set is sealed): a seeded random sample of the cases, stratified by site.
//   - Size: n = ceil(fraction × N) cases at least.
//   - Allocation: each site's quota is n × (its cases) / N; it gets the quota rounded down, but at
//     least 1 (every site with cases is checked); places still missing to reach n go one each to
//     the sites with the largest remainders (quota − rounded down), ties: the cases without a
//     site first, then by site name; never more than a site's cases. The minimum of 1 per site can make the sample larger than n.
//   - Selection: a site's case keys are sorted, shuffled (Fisher–Yates) with the project's PRNG on
//     the stream (seed, 'qc-sample', site) — cases without a site form one stratum of their own —
//     and the first ones taken. The result is sorted, so it does not depend on the input order.
// Pure.
import { shuffled } from '$lib/design/prng/shuffle';
import { createStream } from '$lib/design/prng/streams';

export function drawQcSample(
	cases: ReadonlyArray<{ caseKey: string; site: string | null }>,
	fraction: number,
	seed: string
): string[] {
	if (!(Number.isFinite(fraction) && fraction > 0 && fraction <= 1))
		throw new RangeError(`fraction must lie in (0, 1], got ${fraction}`);
	const keys = new Set(cases.map((c) => c.caseKey));
	if (keys.size !== cases.length) throw new RangeError('each case needs its own caseKey');
	const strata = new Map<string, { key: string[]; cases: string[] }>();
	for (const { caseKey, site } of cases) {
		const id = site === null ? '\u0000' : `s:${site}`;
		const stratum = strata.get(id) ?? {
			key: site === null ? ['no-site'] : ['site', site],
			cases: []
		};
		stratum.cases.push(caseKey);
		strata.set(id, stratum);
	}
	const total = cases.length;
	if (total === 0) return [];
	const target = Math.ceil(fraction * total - 1e-9);
	const ordered = [...strata.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const quotas = ordered.map(([, stratum]) => (target * stratum.cases.length) / total);
	const counts = quotas.map((quota) => Math.max(1, Math.floor(quota + 1e-9)));
	let missing = target - counts.reduce((sum, count) => sum + count, 0);
	const byRemainder = quotas
		.map((quota, index) => ({ index, remainder: quota - Math.floor(quota + 1e-9) }))
		.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
	for (const { index } of byRemainder) {
		if (missing <= 0) break;
		const size = ordered[index]![1].cases.length;
		if ((counts[index] as number) < size) {
			counts[index] = (counts[index] as number) + 1;
			missing -= 1;
		}
	}
	const sample = ordered.flatMap(([, stratum], index) => {
		const sorted = [...stratum.cases].sort();
		return shuffled(sorted, createStream(seed, 'qc-sample', stratum.key)).slice(0, counts[index]);
	});
	return sample.sort();
}
