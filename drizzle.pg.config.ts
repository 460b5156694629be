import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts: the schema in src/lib/server/db/schema-pg, its
// migrations in drizzle/pg (generated, plus hand-written `--custom` ones holding the triggers).
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema-pg/index.ts',
	out: './drizzle/pg',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost:5432/tandem' },
	strict: true,
	verbose: true
});
