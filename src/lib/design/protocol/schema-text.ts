// Bounds on every text and count of a protocol, so that it cannot carry megabytes or absurd numbers.
import { z } from 'zod';

/** A non-empty text of at most `max` characters. */
export const text = (max: number) => z.string().min(1).max(max);
/** Names: of a study, a model, an organisation, a person. */
export const NAME_MAX = 200;
