import type { LayoutServerLoad } from './$types';
import { ROLE_HOMES } from '$lib/server/access/access';

const LABELS: Record<string, string> = {
	'/admin/studies': 'Studies',
	'/monitor': 'Progress',
	'/site': 'My site',
	'/analysis': 'Analysis',
	'/read': 'Worklist',
	'/annotate': 'Annotation',
	'/adjudicate': 'Adjudication'
};

export const load: LayoutServerLoad = ({ locals }) => {
	const hrefs = [
		...new Set(ROLE_HOMES.filter(([role]) => locals.roles.has(role)).map(([, href]) => href))
	];
	return {
		user: locals.user ? { name: locals.user.name, email: locals.user.email } : null,
		nav: hrefs.map((href) => ({ href, label: LABELS[href] ?? href }))
	};
};
