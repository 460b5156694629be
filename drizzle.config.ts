import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'sqlite',
	schema: './src/lib/server/db/schema/definitions.ts',
	out: './drizzle',
	dbCredentials: { url: process.env.TANDEM_DB ?? 'data/tandem.db' },
	strict: true,
	verbose: true
});
