// What a parser's failure means for the file, in a sentence: dicom-parser and dcmjs throw
// messages about their own internals ("buffer overrun", "Cannot read properties of undefined",
// "i.copy is not a function"); an operator needs to know what is wrong with the file (SEC-4).

function thrownMessage(thrown: unknown): string {
	if (thrown instanceof Error) return thrown.message;
	if (typeof thrown === 'string') return thrown;
	if (thrown && typeof thrown === 'object' && 'exception' in thrown)
		return String(thrown.exception);
	return '';
}

const RULES: ReadonlyArray<[RegExp, (match: RegExpExecArray) => string]> = [
	[
		/overrun|past end|cannot be greater|beyond|past the end|out of range|more than currently allocated/i,
		() => 'truncated: an element runs past the end of the file'
	],
	[
		/missing required meta header attribute (\w{4}),?(\w{4})/i,
		(match) =>
			`malformed DICOM: the file meta header lacks (${match[1]!.toUpperCase()},${match[2]!.toUpperCase()})`
	],
	[
		/meta length tag is malformed|meta header/i,
		() => 'malformed DICOM: the file meta header is damaged'
	],
	[
		/item tag .*not found|sequence/i,
		() => 'malformed DICOM: a sequence item is damaged (its item tag is not where its length says)'
	],
	[
		/Unsupported character set/i,
		() =>
			'malformed DICOM: its SpecificCharacterSet (0008,0005) names a character set that is not defined'
	],
	[
		/invalid value for parameter|maxPosition|length/i,
		() => 'malformed DICOM: an element declares a length that does not fit the file'
	]
];

/** A sentence about the file for whatever a parser threw; never the parser's own words. */
export function parseFailureSentence(thrown: unknown): string {
	const message = thrownMessage(thrown);
	for (const [pattern, sentence] of RULES) {
		const match = pattern.exec(message);
		if (match) return sentence(match);
	}
	return 'malformed DICOM: its data set could not be parsed (an element or its length is damaged)';
}
