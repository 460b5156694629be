// Every SQLite table, for drizzle-kit (drizzle.config.ts) and for code that needs the SQLite
// definitions themselves; services import ./index.ts, which picks the dialect of the process.
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
