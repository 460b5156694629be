// Per-reader progress at a site, for its coordinator (built by the schedule's site progress
// service): reads done per period and when a waiting period opens. No arms, no cases, no answers.

export interface PeriodProgress {
	period: number;
	done: number;
	total: number;
	/** When a period that is waiting for the washout opens; null when open, done or not yet dated. */
	opensAt: Date | null;
	state: 'open' | 'waiting' | 'completed';
}

export interface ReaderProgress {
	readerCode: string;
	name: string;
	email: string;
	enrolledAt: Date;
	withdrawn: boolean;
	yearsExperience: number | null;
	specialty: string | null;
	periods: PeriodProgress[];
	lastReadAt: Date | null;
}

export interface SiteNotification {
	readerCode: string;
	name: string;
	kind: 'period-opened' | 'behind';
	message: string;
}
