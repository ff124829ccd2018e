/**
 * `composio-widgets/simulator` at run time (its types are ./index.ts's): loads the simulator
 * through requirePeers, so a missing optional peer (hono, zod) fails with what to install.
 */
import { requirePeers } from '../core/peers.ts';
import { SIMULATOR_PEERS } from './peers.ts';

const simulator = await requirePeers('composio-widgets/simulator', SIMULATOR_PEERS, () => import('./index.ts'));

export const { createSimulator, DEFAULT_PROJECT_API_KEY, DEFAULT_ORG_API_KEY, DEFAULT_SEED, DAY_MS } = simulator;
