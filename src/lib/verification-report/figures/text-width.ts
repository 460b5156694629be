// How wide a label will be, estimated without a DOM, so figures can leave room for their texts
// both in the server that prints the PDF and in the browser.

// Advance widths in em of DejaVu Sans, the widest of the common sans-serif fonts (it is what
// "system-ui" and "sans-serif" resolve to on Debian, where the PDF report is printed), so
// widths estimated from it leave room on other platforms.
const ADVANCE: Record<string, number> = {
	' ': 0.318,
	'!': 0.4,
	'"': 0.461,
	'#': 0.838,
	$: 0.636,
	'%': 0.95,
	'&': 0.78,
	"'": 0.275,
	'(': 0.39,
	')': 0.39,
	'*': 0.5,
	'+': 0.838,
	',': 0.318,
	'-': 0.361,
	'.': 0.318,
	'/': 0.337,
	':': 0.337,
	';': 0.337,
	'<': 0.838,
	'=': 0.838,
	'>': 0.838,
	'?': 0.531,
	'@': 1,
	'[': 0.39,
	']': 0.39,
	_: 0.5,
	'|': 0.337,
	a: 0.613,
	b: 0.635,
	c: 0.55,
	d: 0.635,
	e: 0.615,
	f: 0.352,
	g: 0.635,
	h: 0.634,
	i: 0.278,
	j: 0.278,
	k: 0.579,
	l: 0.278,
	m: 0.974,
	n: 0.634,
	o: 0.612,
	p: 0.635,
	q: 0.635,
	r: 0.411,
	s: 0.521,
	t: 0.392,
	u: 0.634,
	v: 0.592,
	w: 0.818,
	x: 0.592,
	y: 0.592,
	z: 0.525,
	A: 0.684,
	B: 0.686,
	C: 0.698,
	D: 0.77,
	E: 0.632,
	F: 0.575,
	G: 0.775,
	H: 0.752,
	I: 0.295,
	J: 0.295,
	K: 0.656,
	L: 0.557,
	M: 0.863,
	N: 0.748,
	O: 0.787,
	P: 0.603,
	Q: 0.787,
	R: 0.695,
	S: 0.635,
	T: 0.611,
	U: 0.732,
	V: 0.684,
	W: 0.989,
	X: 0.685,
	Y: 0.611,
	Z: 0.685,
	'\u2212': 0.838,
	'\u2014': 1,
	'\u2013': 0.5,
	'\u2019': 0.318,
	'\u2190': 0.838,
	'\u2192': 0.838
};

/** Estimated rendered width of a text in px (no DOM to measure with; see ADVANCE). */
export function approxTextWidth(text: string, fontSize: number): number {
	let em = 0;
	for (const character of text) {
		const known = ADVANCE[character];
		if (known !== undefined) em += known;
		else if (/[0-9]/.test(character)) em += 0.636;
		else em += eastAsianWidth(character.codePointAt(0)!) ?? 0.65;
	}
	return em * fontSize;
}

/** Em width of a Chinese, Japanese or Korean character (full, or half for halfwidth forms); null for others. */
function eastAsianWidth(code: number): number | null {
	if (code >= 0xff61 && code <= 0xffdc) return 0.5; // halfwidth katakana and Hangul
	if (code >= 0xffe8 && code <= 0xffee) return 0.5; // halfwidth symbols
	const full =
		(code >= 0x1100 && code <= 0x115f) || // Hangul Jamo (leading consonants)
		(code >= 0x2e80 && code <= 0xa4cf) || // radicals, CJK punctuation, kana, ideographs, Yi
		(code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
		(code >= 0xf900 && code <= 0xfaff) || // compatibility ideographs
		(code >= 0xfe30 && code <= 0xfe4f) || // CJK compatibility forms
		(code >= 0xff00 && code <= 0xffe7) || // fullwidth forms
		(code >= 0x20000 && code <= 0x3fffd); // ideographs outside the BMP (extensions B–H)
	return full ? 1 : null;
}
