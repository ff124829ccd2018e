/** `composio-widgets/server`: the backend-for-frontend. */
export { createComposioHandler, type ComposioHandler, type ComposioHandlerOptions } from './handler.ts';
export { bearerTokenScope, createEmbedToken, type EmbedTokenClaims, type Secret } from './tokens.ts';
export { BffError } from './errors.ts';
export { PROJECT_ADMIN_SCOPE } from './scope.ts';
export type { CustomerScope, ProjectAdminScope, ResolveScope, Scope } from './scope.ts';
export { DEFAULT_BUDGET, memoryBudget, type BudgetSettings, type UpstreamBudget } from './budget.ts';
export { memoryStore, type MemoryStoreSettings, type Store } from './store.ts';
