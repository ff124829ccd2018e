/**
 * Who is signed in, in the demo. On the demo server a cookie names the customer and the server's
 * resolveScope maps it to user ids; in the static build the in-page BFF reads the same choice.
 */
/**
 * The demo's present is livelier than its history (the rhythm's peak, ×4, day and night): Globex
 * makes a call about every 25 s, so the log's live tail visibly moves while someone looks at it.
 */
export const DEMO_LIVE_RATE = 4;

export interface DemoCustomer {
  slug: string;
  name: string;
  userIds: string[];
}

export interface DemoSession {
  customers: DemoCustomer[];
  current: string;
  switchTo(slug: string): Promise<void>;
}

export const slugOf = (userIds: readonly string[]) =>
  userIds[0]
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()
    .replace(/^-|-$/g, '');

export async function serverSession(): Promise<DemoSession> {
  const { customers, current } = (await (await fetch('/demo/customers')).json()) as { customers: DemoCustomer[]; current: string };
  const session: DemoSession = {
    customers,
    current,
    async switchTo(slug) {
      await fetch('/demo/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer: slug }),
      });
      session.current = slug;
    },
  };
  return session;
}

export async function staticSession(): Promise<DemoSession> {
  const { startInPageBff, customers, session: scope } = await import('./in-page.ts');
  await startInPageBff();
  const list = customers.map((c) => ({ slug: slugOf(c.userIds), name: c.name, userIds: [...c.userIds] }));
  const session: DemoSession = {
    customers: list,
    current: list[0].slug,
    async switchTo(slug) {
      scope.userIds = list.find((c) => c.slug === slug)!.userIds;
      session.current = slug;
    },
  };
  return session;
}
