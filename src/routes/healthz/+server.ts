import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { liveness } from '$lib/server/ops/readiness.service';

// Liveness, for an orchestrator: the process answers. No database work, no sign-in (route-guard.ts).
export const GET: RequestHandler = () =>
	json(liveness(), { headers: { 'cache-control': 'no-store' } });
