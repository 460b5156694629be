// study.yaml parsed within bounds: a limited number of keys and values (counted before any
// duplicate check, which is one pass with a set per mapping), a limited alias expansion, and every
// failure reported as a problem with its line, never an exception.
import { LineCounter, isAlias, isMap, isNode, isScalar, parseDocument, visit } from 'yaml';

/** Keys and values together; a full protocol with 100 sites has well under 2,000. */
export const MAX_YAML_NODES = 10_000;
/** Alias expansions (the yaml library's own count); protocols rarely use one. */
export const MAX_YAML_ALIASES = 100;

export interface YamlProblem {
	line?: number;
	message: string;
}

export type ParsedYaml =
	| { ok: true; value: unknown; lineOfPath: (path: readonly PropertyKey[]) => number | undefined }
	| { ok: false; problems: YamlProblem[] };

export function parseProtocolYaml(text: string): ParsedYaml {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
	const lineAt = (offset: number) => lineCounter.linePos(offset).line;
	if (document.errors.length > 0) {
		return {
			ok: false,
			problems: document.errors.map((error) => ({
				line: lineAt(error.pos[0]),
				message: `YAML: ${error.message.split('\n')[0]}`
			}))
		};
	}
	const structural = checkStructure(document, lineAt);
	if (structural) return { ok: false, problems: [structural] };
	let value: unknown;
	try {
		value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
	} catch (error) {
		if (!(error instanceof ReferenceError)) throw error;
		return {
			ok: false,
			problems: [
				{
					line: firstAliasLine(document, lineAt),
					message: `YAML: too many aliases (more than ${MAX_YAML_ALIASES} expansions)`
				}
			]
		};
	}
	const lineOfPath = (path: readonly PropertyKey[]): number | undefined => {
		for (let length = path.length; length >= 0; length--) {
			const node = document.getIn(path.slice(0, length) as unknown[], true);
			if (isNode(node) && node.range) return lineAt(node.range[0]);
		}
		return undefined;
	};
	return { ok: true, value, lineOfPath };
}

type Document = ReturnType<typeof parseDocument>;

/** The first bound exceeded or duplicate key, in document order; one pass over the nodes. */
function checkStructure(document: Document, lineAt: (offset: number) => number) {
	let nodes = 0;
	let problem: YamlProblem | undefined;
	visit(document, {
		Node(_, node) {
			nodes++;
			if (nodes > MAX_YAML_NODES) {
				problem = {
					line: node.range ? lineAt(node.range[0]) : undefined,
					message: `YAML: more than ${MAX_YAML_NODES.toLocaleString('en-US')} keys and values (a protocol needs far fewer)`
				};
				return visit.BREAK;
			}
			if (!isMap(node)) return undefined;
			const firstLine = new Map<string, number | undefined>();
			for (const pair of node.items) {
				const key = pair.key;
				const line = isNode(key) && key.range ? lineAt(key.range[0]) : undefined;
				if (!isScalar(key)) {
					problem = { line, message: 'YAML: a key must be a plain word' };
					return visit.BREAK;
				}
				const name = String(key.value);
				if (firstLine.has(name)) {
					problem = {
						line,
						message: `YAML: duplicate key "${name.slice(0, 64)}" (first on line ${firstLine.get(name)})`
					};
					return visit.BREAK;
				}
				firstLine.set(name, line);
			}
			return undefined;
		}
	});
	return problem;
}

function firstAliasLine(document: Document, lineAt: (offset: number) => number) {
	let line: number | undefined;
	visit(document, {
		Alias(_, node) {
			if (isAlias(node) && node.range) line = lineAt(node.range[0]);
			return visit.BREAK;
		}
	});
	return line;
}
