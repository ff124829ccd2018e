/** `composio-widgets/server/node` at run time (its types are ./node.ts's): see ./entry.ts. */
import { requirePeers } from '../core/peers.ts';
import { NODE_ADAPTER_PEERS } from './peers.ts';

const node = await requirePeers('composio-widgets/server/node', NODE_ADAPTER_PEERS, () => import('./node.ts'));

export const { toNodeListener } = node;
