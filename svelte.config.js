import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Forms are posted from the same origin only; SvelteKit checks Origin on form posts.
		csrf: { trustedOrigins: [] },
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
