import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	// Cornerstone3D (the reading workstation, browser only). Its DICOM decoder runs in an ES-module
	// worker; the dev server must pre-bundle dicom-parser and the codecs' JS entry points or the
	// worker dies silently. Do not exclude @cornerstonejs/dicom-image-loader: a second copy of the
	// metadata module breaks decoding.
	worker: { format: 'es' },
	optimizeDeps: {
		include: [
			'dicom-parser',
			'@cornerstonejs/codec-charls/decodewasmjs',
			'@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
			'@cornerstonejs/codec-openjpeg/decodewasmjs',
			'@cornerstonejs/codec-openjph/wasmjs',
			'@cornerstonejs/codec-libjxl/decodewasmjs'
		]
	},
	test: {
		include: ['src/**/*.spec.ts', 'tests/reference/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 30_000,
		pool: 'forks'
	}
});
