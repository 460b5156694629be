// Errors a service raises on purpose. Routes turn them into HTTP statuses, the CLI into messages.

export class ServiceError extends Error {
	constructor(
		message: string,
		readonly status: number,
		/** Extra facts for the caller (e.g. when a closed session opens), sent along in JSON answers. */
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
		this.name = new.target.name;
	}
}

/** The input is wrong; `field` names what to fix. */
export class InputError extends ServiceError {
	constructor(
		message: string,
		readonly field?: string,
		details: Record<string, unknown> = {}
	) {
		super(message, 400, details);
	}
}

export class AccessDenied extends ServiceError {
	constructor(message = 'You do not have access to this.') {
		super(message, 403);
	}
}

export class NotFound extends ServiceError {
	constructor(message = 'Not found.') {
		super(message, 404);
	}
}

/** The request is valid but the state of the study does not allow it (e.g. reads exist). */
export class Conflict extends ServiceError {
	constructor(message: string, details: Record<string, unknown> = {}) {
		super(message, 409, details);
	}
}
