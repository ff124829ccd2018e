/**
 * What an upstream answer must look like before the BFF uses or caches it. A 200 with the wrong
 * shape (`{}`, `null`) would otherwise become a 500, or be cached as zeros for a day. Only the
 * fields the BFF reads are checked; the rest passes through as Composio sent it.
 */
import * as z from 'zod/mini';

const entity = z.looseObject({ total_quantity: z.union([z.string(), z.number()]), event_count: z.number() });

export const UPSTREAM_SHAPES = {
  summary: z.looseObject({ entities: z.record(z.string(), entity) }),
  breakdown: z.looseObject({ groups: z.array(z.looseObject({ key: z.optional(z.nullable(z.string())) })) }),
  logList: z.looseObject({
    logs: z.array(z.looseObject({ id: z.string(), timestamp: z.string() })),
    next_cursor: z.optional(z.nullable(z.string())),
  }),
  logDetail: z.looseObject({ id: z.string(), metadata: z.looseObject({}) }),
} satisfies Record<string, z.ZodMiniType>;

export type UpstreamShape = keyof typeof UPSTREAM_SHAPES;
