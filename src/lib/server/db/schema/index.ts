export * from './study';
export * from './truth';
export * from './people';
export * from './reading';
export * from './ai';
export * from './audit';
export * from './enrolment';
export * from './monitoring';
