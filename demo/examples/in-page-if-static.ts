/** The static build has no server: start the in-page BFF first. The demo server needs nothing. */
export async function readyBff(): Promise<void> {
  if (import.meta.env.MODE === 'static') await (await import('../in-page.ts')).startInPageBff();
}
