// Test support: a small, strict XML parser for the figures' SVG. It throws on anything that
// is not well-formed XML 1.0 as the figures write it (one root element, matched tags, quoted
// attributes without '<' or a bare '&', known entity references only, no duplicate attributes,
// no text outside the root) and returns the element tree with entities decoded, so specs can
// look elements up by class and read their attributes and text.
// Not supported (the figures never write them): DOCTYPE, CDATA, processing instructions.

export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	children: XmlElement[];
	/** Decoded character data directly inside this element, concatenated. */
	text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
	return raw.replace(/&([^;&<]*);|&/g, (match, body: string | undefined, offset: number) => {
		if (body === undefined) throw new Error(`bare '&' at ${where + offset}`);
		if (body in PREDEFINED) return PREDEFINED[body] as string;
		const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
		if (!numeric) throw new Error(`unknown entity '${match}' at ${where + offset}`);
		return String.fromCodePoint(
			numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2] as string, 10)
		);
	});
}

/** Parse `source`; throws an Error naming the first well-formedness problem found. */
export function parseXml(source: string): XmlElement {
	let position = 0;
	const stack: XmlElement[] = [];
	let root: XmlElement | undefined;
	if (source.startsWith('<?xml')) {
		const end = source.indexOf('?>');
		if (end < 0) throw new Error('unterminated XML declaration');
		position = end + 2;
	}
	while (position < source.length) {
		const open = source.indexOf('<', position);
		const textEnd = open < 0 ? source.length : open;
		const text = source.slice(position, textEnd);
		if (text.includes(']]>')) throw new Error(`']]>' in text at ${position}`);
		const parent = stack[stack.length - 1];
		if (parent) parent.text += decode(text, position);
		else if (text.trim() !== '') throw new Error(`text outside the root element at ${position}`);
		else decode(text, position);
		if (open < 0) break;
		position = open + 1;
		if (source.startsWith('!--', position)) {
			const end = source.indexOf('-->', position + 3);
			if (end < 0) throw new Error(`unterminated comment at ${open}`);
			if (source.slice(position + 3, end).includes('--'))
				throw new Error(`'--' inside a comment at ${open}`);
			position = end + 3;
			continue;
		}
		if (source[position] === '/') {
			const name = NAME.exec(source.slice(position + 1))?.[0];
			if (!name) throw new Error(`bad end tag at ${open}`);
			position += 1 + name.length;
			while (/\s/.test(source[position] ?? '')) position++;
			if (source[position] !== '>') throw new Error(`bad end tag </${name} at ${open}`);
			position++;
			const element = stack.pop();
			if (!element || element.name !== name)
				throw new Error(`</${name}> at ${open} closes <${element?.name ?? 'nothing'}>`);
			continue;
		}
		const name = NAME.exec(source.slice(position))?.[0];
		if (!name) throw new Error(`bad start tag at ${open}`);
		position += name.length;
		const element: XmlElement = { name, attributes: {}, children: [], text: '' };
		let selfClosing = false;
		for (;;) {
			const spaceStart = position;
			while (/\s/.test(source[position] ?? '')) position++;
			if (source.startsWith('/>', position)) {
				selfClosing = true;
				position += 2;
				break;
			}
			if (source[position] === '>') {
				position++;
				break;
			}
			if (position === spaceStart)
				throw new Error(`missing space before attribute in <${name}> at ${position}`);
			const attribute = NAME.exec(source.slice(position))?.[0];
			if (!attribute) throw new Error(`bad attribute in <${name}> at ${position}`);
			position += attribute.length;
			while (/\s/.test(source[position] ?? '')) position++;
			if (source[position] !== '=')
				throw new Error(`attribute ${attribute} without value at ${position}`);
			position++;
			while (/\s/.test(source[position] ?? '')) position++;
			const quote = source[position];
			if (quote !== '"' && quote !== "'")
				throw new Error(`unquoted attribute ${attribute} at ${position}`);
			const end = source.indexOf(quote, position + 1);
			if (end < 0) throw new Error(`unterminated attribute ${attribute} at ${position}`);
			const raw = source.slice(position + 1, end);
			if (raw.includes('<')) throw new Error(`'<' in attribute ${attribute} at ${position}`);
			if (attribute in element.attributes)
				throw new Error(`duplicate attribute ${attribute} in <${name}>`);
			element.attributes[attribute] = decode(raw, position + 1);
			position = end + 1;
		}
		const container = stack[stack.length - 1];
		if (container) container.children.push(element);
		else if (root) throw new Error(`second root element <${name}> at ${open}`);
		else root = element;
		if (!selfClosing) stack.push(element);
	}
	if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
	if (!root) throw new Error('no root element');
	return root;
}

/** Every element in the tree, depth first, the root included. */
export function allElements(root: XmlElement): XmlElement[] {
	const out: XmlElement[] = [root];
	for (const child of root.children) out.push(...allElements(child));
	return out;
}

/** Elements whose class list contains `className`. */
export function byClass(root: XmlElement, className: string): XmlElement[] {
	return allElements(root).filter((element) =>
		(element.attributes.class ?? '').split(/\s+/).includes(className)
	);
}

/** All text in the tree (element text, depth first). */
export function allText(root: XmlElement): string[] {
	return allElements(root)
		.map((element) => element.text)
		.filter((text) => text !== '');
}

/** Numbers in an SVG path's d or a points list, as [x, y] pairs. */
export function pathPoints(d: string): [number, number][] {
	const numbers = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
	const out: [number, number][] = [];
	for (let i = 0; i + 1 < numbers.length; i += 2)
		out.push([numbers[i] as number, numbers[i + 1] as number]);
	return out;
}
