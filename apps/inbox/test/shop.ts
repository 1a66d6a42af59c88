import type { TestKefu } from '@kefu/api/testing'
import { type DemoShop, startDemoShop } from '@kefu/demo-shop'
import { vi } from 'vitest'

type Shop = Awaited<ReturnType<TestKefu['newShop']>>

/** The real demo card shop, wired to `shop` in `kefu` as its backend (webhook set by the owner). */
export async function connectDemoShop(kefu: TestKefu, shop: Shop, owner: string): Promise<DemoShop> {
  const demo = await startDemoShop({
    port: 0,
    hostname: '127.0.0.1',
    kefu: { url: kefu.url, ...shop.keys },
    log: () => {},
  })
  const res = await ownerApi(kefu, owner, '/v1/shop-connection', 'PUT', {
    webhookUrl: `${demo.url}/kefu/webhook`,
  })
  if (res.status !== 200) throw new Error(`shop connection: ${res.status} ${await res.text()}`)
  return demo
}

export function ownerApi(kefu: TestKefu, cookie: string, path: string, method = 'GET', body?: unknown) {
  return fetch(`${kefu.url}${path}`, {
    method,
    headers: { cookie, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
}

export function demoOrder(demo: DemoShop, label: string) {
  const found = demo.demoOrders.find((o) => o.label.startsWith(label))
  if (!found) throw new Error(`no demo order ${label}`)
  return found
}

/**
 * A second member of the shop with `role`, through the real invitation: the one-time link is
 * printed to the server log when email is not set up, and accepted over the API.
 */
export async function inviteMember(kefu: TestKefu, owner: string, role: 'agent' | 'admin') {
  const email = `member-${Date.now().toString(36)}@test.kefu.local`
  const password = 'a long enough password'
  const printed: string[] = []
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    printed.push(args.map(String).join(' '))
  })
  try {
    const res = await ownerApi(kefu, owner, '/v1/team/invitations', 'POST', { email, role })
    if (res.status >= 300) throw new Error(`invite: ${res.status} ${await res.text()}`)
  } finally {
    spy.mockRestore()
  }
  const token = printed.join('\n').match(/#token=([\w-]+)/)?.[1]
  if (!token) throw new Error('no invitation link in the server log')
  const accepted = await fetch(`${kefu.url}/v1/auth/invite/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, name: 'Junior', password }),
  })
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${await accepted.text()}`)
  return { email, password }
}
