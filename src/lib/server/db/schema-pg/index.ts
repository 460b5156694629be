// The PostgreSQL twin of ../schema (drizzle.pg.config.ts, migrations in drizzle/pg): the same tables,
// columns, keys and indexes with the same TypeScript row types; schema-parity.spec.ts keeps them in step.
export * from './study';
export * from './truth';
export * from './truth-lesions';
export * from './people';
export * from './reading';
export * from './ai';
export * from './audit';
export * from './enrolment';
export * from './monitoring';
export * from './lock-export';
export * from './dataset';
export * from './signatures';
export * from './reference-standard';
export * from './independence';
export * from './anomaly-classification';
