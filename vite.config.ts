import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig, type Plugin } from 'vitest/config';

/** TANDEM_TEST_DB=postgres: the specs run against a PostgreSQL server (tests/fixtures/postgres*). */
const onPostgres = process.env.TANDEM_TEST_DB === 'postgres';
const POSTGRES_PASS = [
	'src/lib/server/**/*.spec.ts',
	'src/routes/**/*.spec.ts',
	'src/cli/**/*.spec.ts'
];
/**
 * Specs of the pass above not yet run against PostgreSQL, each with what stands in the way; the
 * SQLite pass runs them all. None today: the command-line specs give each `tandem` command a
 * database of its own on either dialect (DATABASE_URL in its environment on PostgreSQL,
 * tests/fixtures/data-folder.fixture.ts).
 */
const POSTGRES_PENDING: string[] = [];

/** Test helpers (*.fixture.ts, tests/fixtures) are for specs only: the app's build refuses one. */
function noFixturesInBuild(): Plugin {
	return {
		name: 'tandem:no-fixtures-in-build',
		apply: 'build',
		load(id) {
			if (/\.fixture\.ts$|\/tests\/fixtures\//.test(id.split('?')[0]!))
				this.error(`a test helper is in the app build: ${id}`);
		}
	};
}

export default defineConfig({
	plugins: [
		noFixturesInBuild(),
		sveltekit(),
		// Interface languages (messages/*.json → src/lib/paraglide, generated, not committed). The
		// locale comes from the PARAGLIDE_LOCALE cookie set by the switcher, then the browser's
		// languages, then English; never from the URL, so routes and guards stay as they are.
		// Keep these options in step with the `i18n` script in package.json (the CLI compile that
		// `npm ci` and `npm run check` run): both then write the same files, and neither rewrites
		// what the other wrote.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			// The CLI's defaults, pinned here (the plugin's own would differ in dev and by bundler).
			outputStructure: 'message-modules',
			isServer: "typeof window === 'undefined'"
		})
	],
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
		// The PostgreSQL pass (npm run test:postgres) runs the specs that touch the database; the
		// statistics, the viewer and the like are the same on either and run once, in the SQLite pass.
		include: onPostgres
			? [...POSTGRES_PASS]
			: ['src/**/*.spec.ts', 'tests/**/*.spec.ts', 'scripts/**/*.spec.ts', 'deploy/**/*.spec.ts'],
		exclude: [...configDefaults.exclude, ...(onPostgres ? POSTGRES_PENDING : [])],
		environment: 'node',
		// Compiles the command line (node_modules/.cache/tandem-cli) if its sources changed, before any spec spawns it.
		// With TANDEM_TEST_DB=postgres, one PostgreSQL server for the whole run (else each PostgreSQL
		// spec file starts its own).
		globalSetup: [
			'tests/fixtures/cli-build.fixture.ts',
			...(onPostgres ? ['tests/fixtures/postgres.global-setup.ts'] : [])
		],
		// The transaction rule's guard, on in every spec; against PostgreSQL, each spec file's database.
		setupFiles: [
			...(onPostgres ? ['tests/fixtures/postgres-dialect.setup.ts'] : []),
			'tests/fixtures/transaction-guard.fixture.ts'
		],
		testTimeout: 30_000,
		pool: 'forks',
		// One worker per core. Vitest's default leaves a core free (one worker on a two-core
		// machine), but many specs wait on what they start (the `tandem` command, PostgreSQL,
		// Orthanc, Chromium, dcmtk), so a second worker keeps both cores busy. On a two-core machine
		// the SQLite pass took 7.2 min (its files' own times add up to 13.4 min), the PostgreSQL
		// pass 6.3 min (11.9).
		maxWorkers: Math.max(2, availableParallelism())
	}
});
