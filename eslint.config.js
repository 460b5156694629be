// ESLint as the SvelteKit templates set it up (typescript-eslint, eslint-plugin-svelte, Prettier
// owning the layout), plus the house rules the layout depends on: the statistics and design core
// imports no framework, database or Node module, and nothing the browser loads imports
// $lib/server (view types live in $lib/domain).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	{
		ignores: [
			'node_modules/',
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'data/',
			'test-results/',
			'playwright-report/',
			'studies/',
			'static/'
		]
	},
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks names (svelte-check runs in npm test); ESLint's own check misreads types.
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		// The inference worker's errors cross the thread boundary by structured clone, where an
		// attached cause turns the message into "[object Object]": they carry the cause in the text.
		files: ['src/lib/server/ai/inference/**/*.ts'],
		rules: { 'preserve-caught-error': 'off' }
	},
	{
		// Specs copy reference values as the outside source printed them (R prints 17+ digits).
		files: ['**/*.spec.ts'],
		rules: { 'no-loss-of-precision': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The data layer is asynchronous (queries are awaited, as on PostgreSQL): a forgotten await
		// would let a statement run outside its transaction, or an error go unseen.
		files: ['src/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts'],
		languageOptions: { parserOptions: { projectService: true } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error'
		}
	},
	{
		// A pure core (conventions, habit 1): arrays in, plain objects out, usable by CLI, server and tests.
		files: ['src/lib/stats/**/*.ts', 'src/lib/design/**/*.ts'],
		ignores: ['**/*.spec.ts', '**/*.fixture.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'node:*',
								'svelte',
								'svelte/*',
								'$app/*',
								'drizzle-orm',
								'drizzle-orm/*',
								'$lib/server/*',
								'**/server/*'
							],
							message:
								'the statistics and design core is pure: no framework, database or Node imports'
						}
					]
				}
			]
		}
	},
	{
		// What the browser loads never imports the server folder, not even for types.
		files: [
			'src/**/*.svelte',
			'src/**/*.svelte.ts',
			'src/lib/viewer/**/*.ts',
			'src/lib/components/**/*.ts',
			'src/routes/**/+page.ts',
			'src/routes/**/+layout.ts'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/*'],
							message: 'client code imports view types from $lib/domain, never $lib/server'
						}
					]
				}
			]
		}
	}
);
