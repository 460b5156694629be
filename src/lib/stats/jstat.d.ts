// jstat 1.9.6 ships no types. Only src/lib/stats/distributions.ts may import it; this
// declares just the members that module uses (starting values for quantile refinement).
declare module 'jstat' {
	interface JStatInverse {
		inv(p: number, ...parameters: number[]): number;
	}
	interface JStat {
		normal: JStatInverse;
		studentt: JStatInverse;
		centralF: JStatInverse;
		chisquare: JStatInverse;
	}
	const pkg: { jStat: JStat };
	export default pkg;
}
