import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Forms are posted from the same origin only; SvelteKit checks Origin on form posts.
		csrf: { trustedOrigins: [] },
		// Pages load nothing from elsewhere; SvelteKit's own inline scripts carry a nonce. The
		// reading workstation (Cornerstone3D) decodes images in web workers (from the app or blob:)
		// with WebAssembly, hence worker-src blob: and 'wasm-unsafe-eval' (not 'unsafe-eval').
		// Svelte sets style attributes, hence inline styles. Other responses get a stricter policy
		// in hooks.server.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		// Test helpers (tests/fixtures), for specs, e2e files and benchmarks; never imported by the app.
		alias: { $fixtures: 'tests/fixtures' },
		typescript: {
			// Type-check the scripts (demo generator, benchmarks) and tests with the app.
			config: (tsconfig) => ({
				...tsconfig,
				include: [...tsconfig.include, '../scripts/**/*.ts', '../*.config.ts']
			})
		}
	}
};

export default config;
