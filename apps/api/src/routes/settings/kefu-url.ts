import type { Services } from '../../services.ts'

/** Where buyers and agents reach this Kefu: the configured public URL, or the address the request came to. */
export function kefuUrl(c: { var: { services: Services }; req: { url: string } }): string {
  return c.var.services.publicOrigin ?? new URL(c.req.url).origin
}
