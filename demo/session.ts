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

/** The id of the page's JSON script the demo server fills in (empty in the built file). */
export const SESSION_DATA_ID = 'demo-session';

/** What the demo server writes into the page (`<script type="application/json" id="demo-session">`). */
export interface DemoSessionData {
  customers: DemoCustomer[];
  current: string;
}

export interface DemoSession extends DemoSessionData {
  switchTo(slug: string): Promise<void>;
}

export const slugOf = (userIds: readonly string[]) =>
  userIds[0]
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()
    .replace(/^-|-$/g, '');

/** On the demo server: the customer list comes inside the page, one request fewer before the first data. */
export function serverSession(): DemoSession {
  const text = document.getElementById(SESSION_DATA_ID)?.textContent;
  if (!text) throw new Error('The page has no customer list: the demo server (npm run demo) writes it in.');
  const { customers, current } = JSON.parse(text) as DemoSessionData;
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
