/** `composio-widgets/server/node` at run time (its types are ./node.ts's): see ./entry.ts. */
import { requirePeers } from './peers.ts';

const node = await requirePeers('composio-widgets/server/node', () => import('./node.ts'), ['@hono/node-server']);

export const { toNodeListener } = node;
