/** `composio-widgets/simulator/node` at run time (its types are ./node.ts's): see ./entry.ts. */
import { requirePeers } from '../core/peers.ts';
import { SIMULATOR_NODE_PEERS } from './peers.ts';

const node = await requirePeers('composio-widgets/simulator/node', SIMULATOR_NODE_PEERS, () => import('./node.ts'));

export const { listen } = node;
