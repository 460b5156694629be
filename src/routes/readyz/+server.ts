import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { readiness } from '$lib/server/ops/readiness.service';

// Readiness, for a load balancer: 200 when this process can serve, 503 naming the failing checks.
// No sign-in (route-guard.ts); the body names checks only (readiness.service.ts).
export const GET: RequestHandler = async () => {
	const answer = await readiness(getDatabase);
	return json(answer, {
		status: answer.status === 'ready' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
