// `tandem schedule export` and `tandem reader enrol|withdraw`: the allocation, from the stored schedules.
import type { Command } from 'commander';
import { choiceOption, integerIn, isoDate } from '../option-parsers';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import {
	exportSchedule,
	scheduleRowsToCsv
} from '../../lib/server/schedule/schedule-export.service';
import { withdrawReader } from '../../lib/server/schedule/withdrawal.service';
import { addUser } from '../../lib/server/users/user.service';
import { readPasswordFromStdin } from './user.command';

export function registerSchedule(program: Command): void {
	program
		.command('schedule')
		.description('the randomized allocation')
		.command('export')
		.requiredOption('--study <slug>', 'study')
		.addOption(choiceOption('--format <format>', 'output', ['csv', 'json']).default('csv'))
		.description('print every assignment: reader,site,sequence,period,session,arm,case,position')
		.action(async (options: { study: string; format: 'csv' | 'json' }) => {
			const rows = await exportSchedule(getDatabase(), operatorPrincipal(), options.study);
			process.stdout.write(
				options.format === 'csv' ? scheduleRowsToCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`
			);
		});

	const reader = program.command('reader').description('reader enrolment');
	reader
		.command('enrol')
		.requiredOption('--study <slug>', 'study')
		.requiredOption('--site <code>', 'site')
		.requiredOption(
			'--email <email>',
			'reader e-mail (an existing account, or a new one with --name and --password-stdin)'
		)
		.option('--name <name>', 'full name (new account)')
		.option('--password-stdin', 'read the new account password from standard input')
		.option('--years <n>', 'years of experience', integerIn(0, 70, '--years'))
		.option('--specialty <text>', 'specialty, e.g. thoracic radiology')
		.option(
			'--training-completed <date>',
			'date the study training was completed (YYYY-MM-DD)',
			isoDate('--training-completed')
		)
		.description('enrol a reader at a site; their schedule is derived now and stored with the seed')
		.action(
			async (options: {
				study: string;
				site: string;
				email: string;
				name?: string;
				passwordStdin?: boolean;
				years?: number;
				specialty?: string;
				trainingCompleted?: string;
			}) => {
				const password = options.passwordStdin ? await readPasswordFromStdin() : undefined;
				const result = await addUser(getDatabase(), operatorPrincipal(), {
					email: options.email,
					name: options.name ?? options.email,
					role: 'reader',
					study: options.study,
					site: options.site,
					password,
					qualifications: {
						yearsExperience: options.years,
						specialty: options.specialty,
						trainingCompletedAt: options.trainingCompleted
					}
				});
				process.stdout.write(
					`${result.email}: enrolled in ${options.study} at ${options.site} as ${result.enrolment?.readerCode}, sequence ${result.enrolment?.sequence}\n`
				);
			}
		);
	reader
		.command('withdraw')
		.requiredOption('--study <slug>', 'study')
		.requiredOption('--email <email>', 'reader e-mail')
		.requiredOption('--reason <text>', 'why')
		.description('withdraw a reader; completed reads are kept')
		.action(async (options: { study: string; email: string; reason: string }) => {
			await withdrawReader(getDatabase(), operatorPrincipal(), options);
			process.stdout.write(`${options.email}: withdrawn from ${options.study}\n`);
		});
}
