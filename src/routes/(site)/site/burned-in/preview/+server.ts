import { z } from 'zod';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { burnedInPreview } from '$lib/server/cases/burned-in-review.service';
import { principalOf, serve } from '$lib/server/access/web';
import { InputError } from '$lib/server/errors';

const query = z.object({
	study: z.string().min(1).max(64),
	review: z.coerce.number().int().positive()
});

// A PNG of a flagged image for the reviewer (the service checks the caller's site); not cached.
export const GET: RequestHandler = async (event) => {
	const png = await serve(() => {
		const parsed = query.safeParse(Object.fromEntries(event.url.searchParams));
		if (!parsed.success) throw new InputError('study and review are required');
		return burnedInPreview(
			getDatabase(),
			principalOf(event),
			parsed.data.study,
			parsed.data.review
		);
	});
	return new Response(new Uint8Array(png), {
		headers: {
			'Content-Type': 'image/png',
			'Content-Length': String(png.length),
			'Cache-Control': 'private, no-store'
		}
	});
};
