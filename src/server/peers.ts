/**
 * The server's runtime packages (hono, zod, jose, lru-cache; @hono/node-server for the Node
 * adapter) are optional peer dependencies, so a browser-only install does not download them. The
 * server entries load their code through `requirePeers`, which turns Node's bare
 * "Cannot find package 'hono'" into a message that says what to install.
 */
export const SERVER_PEERS = ['hono', 'zod', 'jose', 'lru-cache'] as const;

export async function requirePeers<T>(entry: string, load: () => Promise<T>, peers: readonly string[] = SERVER_PEERS): Promise<T> {
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
