// Counts that describe a schedule at a glance and record its allocation (case blocks, sequences by site).
import { sequenceLabel } from './rows';
import type {
	DesignSchedule,
	NormalizedScheduleInput,
	ScheduleSummary,
	SiteAllocation
} from './schedule.types';

export function summarizeSchedule(
	input: NormalizedScheduleInput,
	result: DesignSchedule
): ScheduleSummary {
	let readCount = 0;
	let periodCount = 0;
	let sessionCount = 0;
	for (const reader of result.readers) {
		readCount += reader.assignments.length;
		for (const { period } of reader.assignments) periodCount = Math.max(periodCount, period);
		sessionCount += new Set(reader.assignments.map(({ session }) => session)).size;
	}
	return {
		readerCount: result.readers.length,
		caseCount: input.cases.length,
		readCount,
		periodCount,
		sessionCount,
		caseBlocks: result.caseBlocks,
		allocationBySite: allocationBySite(result)
	};
}

function allocationBySite(result: DesignSchedule): SiteAllocation[] {
	const sites = new Map<string, SiteAllocation>();
	for (const reader of result.readers) {
		const site = sites.get(reader.site) ?? {
			site: reader.site,
			readerCount: 0,
			readersBySequence: {}
		};
		const label = sequenceLabel(reader);
		site.readerCount += 1;
		site.readersBySequence[label] = (site.readersBySequence[label] ?? 0) + 1;
		sites.set(reader.site, site);
	}
	return [...sites.values()];
}
