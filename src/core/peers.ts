/**
 * The packages the server and simulator entries run on (hono, zod, jose, lru-cache, ioredis, msw …)
 * are optional peer dependencies, so a browser-only install does not download them. Those entries
 * load their code through `requirePeers`, which turns Node's bare "Cannot find package 'hono'"
 * (ERR_MODULE_NOT_FOUND) into a message that names the entry and what to install.
 */
export async function requirePeers<T>(entry: string, peers: readonly string[], load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const message = String((error as { message?: unknown })?.message ?? error);
    const missing = peers.filter((name) => message.includes(`'${name}'`) || message.includes(`"${name}"`));
    const code = (error as { code?: unknown })?.code;
    if (missing.length === 0 || (code !== undefined && code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND')) throw error;
    throw new Error(
      `${entry} needs its peer dependencies, which a browser-only install leaves out (missing: ${missing.join(', ')}). ` +
        `Install them: npm install ${peers.join(' ')}`,
      { cause: error },
    );
  }
}
