// The qualification of annotators and adjudicators (issue 19, seed 001 table 2): years of
// experience, specialty, licence or attestation, training date, recorded with the membership.
// The protocol's reference_standard declares the minimum years; a person below it is refused.
import { memberQualifications } from '../db/schema';
import type { Role } from '../db/schema';
import type { Tx } from '../db/client';
import type { Principal } from '../access/principal';
import { recordAudit } from '../audit/audit.service';
import { InputError } from '../errors';
import type { Protocol } from '../../design/protocol/protocol.schema';
import { TRUTH_MAKERS } from '../users/role-separation';

export interface Qualification {
	yearsExperience?: number;
	specialty?: string;
	licence?: string;
	trainingCompletedAt?: string;
}

/** Whether a role carries qualification data of its own (annotator, adjudicator). */
export function isTruthMaker(role: Role): role is 'annotator' | 'adjudicator' {
	return TRUTH_MAKERS.has(role);
}

/** Refuses an annotator or adjudicator the study does not need or who lacks the minimum years. */
export function checkQualification(
	protocol: Protocol,
	slug: string,
	role: 'annotator' | 'adjudicator',
	qualification: Qualification | undefined
): { yearsExperience: number } & Qualification {
	const settings = protocol.reference_standard;
	if (!settings)
		throw new InputError(
			`role: study "${slug}" declares no reference_standard in its protocol: it has no ${role}s`,
			'role'
		);
	const years = qualification?.yearsExperience;
	if (years === undefined)
		throw new InputError(
			`qualifications.yearsExperience: ${role === 'annotator' ? 'an annotator' : 'an adjudicator'} needs their years of experience (--years)`,
			'qualifications.yearsExperience'
		);
	const minimum = role === 'annotator' ? settings.min_years : settings.adjudicator_min_years;
	if (years < minimum)
		throw new InputError(
			`qualifications.yearsExperience: ${years} years of experience is below the ${minimum} years the protocol of "${slug}" asks of ${role === 'annotator' ? 'an annotator' : 'an adjudicator'} (reference_standard.${role === 'annotator' ? 'min_years' : 'adjudicator_min_years'})`,
			'qualifications.yearsExperience'
		);
	return { ...qualification, yearsExperience: years };
}

/** Stores the qualification with the membership, audited in the same transaction. */
export async function recordQualificationTx(
	tx: Tx,
	principal: Principal,
	studyId: number,
	membershipId: number,
	qualification: { yearsExperience: number } & Qualification
): Promise<void> {
	const values = {
		membershipId,
		yearsExperience: qualification.yearsExperience,
		specialty: qualification.specialty ?? null,
		licence: qualification.licence ?? null,
		trainingCompletedAt: qualification.trainingCompletedAt ?? null
	};
	const id = (
		await tx.insert(memberQualifications).values(values).returning({ id: memberQualifications.id })
	)[0]!.id;
	await recordAudit(tx, principal, {
		action: 'qualification.recorded',
		entityType: 'member_qualification',
		entityId: id,
		studyId,
		after: values
	});
}
