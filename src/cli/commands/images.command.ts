// `tandem images migrate --study S` and `tandem images verify --study S`: a study's images moved
// from its folder into the configured image store (TANDEM_IMAGE_STORE), and the store checked
// against the SHA-256 of every image recorded at import.
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { progressLine } from '../progress';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { imageStore } from '../../lib/server/images/image-stores';
import { LocalImageStore } from '../../lib/server/images/local-image-store';
import {
	migrateStudyImages,
	verifyStudyImages,
	type ImageProblem
} from '../../lib/server/images/image-migration.service';

function progress(label: string) {
	return (done: number, total: number) => {
		process.stderr.write(progressLine(label, done, total));
		if (process.stderr.isTTY && done === total) process.stderr.write('\n');
	};
}

const problemLines = (problems: ImageProblem[]) =>
	problems.map((problem) => `${problem.image}: ${problem.problem}\n`).join('');

export function registerImages(program: Command): void {
	const images = program
		.command('images')
		.description('the image store: move a study into it, check it against the recorded hashes');
	images
		.command('migrate')
		.description(
			"copy a study's images from its folder into the configured store (TANDEM_IMAGE_STORE), checking each SHA-256; resumable"
		)
		.requiredOption('--study <slug>', 'the study')
		.action(async (options: { study: string }) => {
			const store = imageStore();
			process.stderr.write(`images: ${options.study} into ${store.describe()}\n`);
			const report = await migrateStudyImages(
				getDatabase(),
				operatorPrincipal(),
				options.study,
				{ from: new LocalImageStore(), to: store },
				{ onProgress: progress('migrate') }
			);
			process.stdout.write(
				`${options.study}: ${report.total} image(s): ${report.copied} copied and verified, ${report.alreadyStored} already in the store, ${report.failed.length} failed\n${problemLines(report.failed)}`
			);
			if (report.failed.length > 0)
				throw new CliError('tandem: some images were not copied; run the command again', 1);
		});
	images
		.command('verify')
		.description('read every image of a study back from the store and check its recorded SHA-256')
		.requiredOption('--study <slug>', 'the study')
		.action(async (options: { study: string }) => {
			const store = imageStore();
			const report = await verifyStudyImages(
				getDatabase(),
				operatorPrincipal(),
				options.study,
				store,
				{ onProgress: progress('verify') }
			);
			process.stdout.write(
				`${options.study}: ${report.intact} of ${report.total} image(s) in ${store.describe()} match their recorded SHA-256\n${problemLines(report.problems)}`
			);
			if (report.problems.length > 0)
				throw new CliError(`tandem: ${report.problems.length} image(s) missing or changed`, 1);
		});
}
