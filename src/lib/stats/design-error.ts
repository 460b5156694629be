/** A study design or input an estimator cannot analyse; the message says why and what to do. */
export class DesignError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DesignError';
	}
}
