// The Cornerstone WASM codecs (the ones the viewer's dicom-image-loader uses), loaded in Node.
// Each is an Emscripten CommonJS factory; it is required from node_modules (resolved from this
// module, so the same from source, in vitest, in the inference worker threads and in the built
// server, which keeps node_modules beside it) and told where its .wasm file lies. One instance
// per thread, created on first use; an instance whose decoder threw is dropped, so a damaged
// frame cannot leave a codec in a broken state for the next image.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface FrameInfo {
	width: number;
	height: number;
	bitsPerSample: number;
	componentCount: number;
	isSigned?: boolean;
}

interface WasmDecoder {
	getEncodedBuffer(length: number): Uint8Array;
	getDecodedBuffer(): Uint8Array;
	getFrameInfo(): FrameInfo;
	decode(): void;
	delete?(): void;
}

type DecoderClass = 'J2KDecoder' | 'HTJ2KDecoder' | 'JpegLSDecoder' | 'JPEGDecoder';

const PACKAGES: Record<DecoderClass, { js: string; wasm: string }> = {
	J2KDecoder: {
		js: '@cornerstonejs/codec-openjpeg/decodewasmjs',
		wasm: '@cornerstonejs/codec-openjpeg/decodewasm'
	},
	HTJ2KDecoder: {
		js: '@cornerstonejs/codec-openjph/wasmjs',
		wasm: '@cornerstonejs/codec-openjph/wasm'
	},
	JpegLSDecoder: {
		js: '@cornerstonejs/codec-charls/decodewasmjs',
		wasm: '@cornerstonejs/codec-charls/decodewasm'
	},
	JPEGDecoder: {
		js: '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
		wasm: '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm'
	}
};

type Factory = (options: {
	locateFile(file: string): string;
	print(text: string): void;
	printErr(text: string): void;
}) => Promise<Record<string, unknown>>;
const instances = new Map<DecoderClass, Promise<Record<string, unknown>>>();

/** The Emscripten module of a codec (loaded once per thread). */
export function wasmModule(decoder: DecoderClass): Promise<Record<string, unknown>> {
	let instance = instances.get(decoder);
	if (!instance) {
		const { js, wasm } = PACKAGES[decoder];
		const factory = require(js) as Factory;
		const wasmPath = require.resolve(wasm);
		instance = factory({
			locateFile: (file) => (file.endsWith('.wasm') ? wasmPath : file),
			// A damaged frame is reported by its DicomDecodeError, not by the codec's own console lines.
			print: () => undefined,
			printErr: () => undefined
		});
		instances.set(decoder, instance);
		instance.catch(() => instances.delete(decoder));
	}
	return instance;
}

export interface CodecOutput {
	/** Decoded samples, little endian, interleaved; 1 byte per sample up to 8 bits, else 2. */
	bytes: Uint8Array;
	width: number;
	height: number;
	components: number;
	bitsPerSample: number;
	/** Whether the codec says its samples are signed (JPEG 2000, HTJ2K). */
	signed: boolean;
}

const messageOf = (thrown: unknown): string =>
	thrown instanceof Error
		? thrown.message
		: typeof thrown === 'number'
			? `error code ${thrown}`
			: String(thrown);

/** Decodes one encoded frame with a WASM codec. */
export async function decodeWithWasm(
	decoderClass: DecoderClass,
	encoded: Uint8Array
): Promise<CodecOutput> {
	const module = await wasmModule(decoderClass);
	const Decoder = module[decoderClass] as new () => WasmDecoder;
	const decoder = new Decoder();
	try {
		decoder.getEncodedBuffer(encoded.length).set(encoded);
		decoder.decode();
		const info = decoder.getFrameInfo();
		return {
			bytes: decoder.getDecodedBuffer().slice(),
			width: info.width,
			height: info.height,
			components: info.componentCount,
			bitsPerSample: info.bitsPerSample,
			signed: info.isSigned === true
		};
	} catch (thrown) {
		instances.delete(decoderClass);
		throw new Error(messageOf(thrown), { cause: thrown });
	} finally {
		try {
			decoder.delete?.();
		} catch {
			// the instance is dropped anyway
		}
	}
}
