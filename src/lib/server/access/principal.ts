// Who is acting. Every service takes a principal and checks it before touching study data.
import { operatorName } from '../config';

/** A signed-in person (web app). */
export interface UserPrincipal {
	kind: 'user';
	userId: number;
	email: string;
	name: string;
	/** The request that acts ("POST /site?/enrol"), set by the web glue: named in the audit of a refusal. */
	via?: string;
}

/** Someone at the server's shell running `tandem`: has the database file, so is trusted; audited by OS user. */
export interface OperatorPrincipal {
	kind: 'operator';
	label: string;
}

/** The application itself (start-up, demo set-up, background jobs). */
export interface SystemPrincipal {
	kind: 'system';
	label: string;
}

export type Principal = UserPrincipal | OperatorPrincipal | SystemPrincipal;

export function operatorPrincipal(): OperatorPrincipal {
	return { kind: 'operator', label: operatorName() };
}

export function systemPrincipal(label: string): SystemPrincipal {
	return { kind: 'system', label };
}
