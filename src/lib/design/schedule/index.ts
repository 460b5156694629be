// Public surface of the schedule generators.
export { ALGORITHM_ID } from '../prng/streams';
export { generateSchedule } from './generate-schedule';
export {
	SCHEDULE_ROW_COLUMNS,
	scheduleRowsToCsv,
	scheduleToCsv,
	scheduleToRows,
	sequenceLabel
} from './rows';
export { ScheduleInputError } from './validate-input';
export { DESIGNS } from './schedule.types';
export type {
	ArmSequence,
	Assignment,
	CaseBlock,
	Design,
	ReaderSchedule,
	Schedule,
	ScheduleCase,
	ScheduleInput,
	ScheduleReader,
	ScheduleRow,
	ScheduleSummary,
	SiteAllocation
} from './schedule.types';
