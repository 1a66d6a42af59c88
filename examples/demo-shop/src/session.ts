/**
 * The shop's browser state, in signed cookies: the demo buyer who is logged in, the orders
 * this browser has unlocked (like dujiaoka's "browser cache" order search), a one-time notice.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie'
import { findBuyer } from './buyers.ts'
import type { AppEnv, Shop } from './context.ts'

const BUYER = 'shop_buyer'
const ORDERS = 'shop_orders'
const NOTICE = 'shop_notice'
const MAX_UNLOCKED = 20
const options = { path: '/', httpOnly: true, sameSite: 'Lax' } as const

export function loadBuyer(shop: Shop): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = await getSignedCookie(c, shop.cookieSecret, BUYER)
    c.set('buyer', id ? await findBuyer(shop.db, id) : null)
    await next()
  }
}

export async function logIn(c: Context, shop: Shop, buyerId: string): Promise<void> {
  await setSignedCookie(c, BUYER, buyerId, shop.cookieSecret, options)
}

export function logOut(c: Context): void {
  deleteCookie(c, BUYER, { path: '/' })
}

export async function unlockedOrders(c: Context, shop: Shop): Promise<string[]> {
  const value = await getSignedCookie(c, shop.cookieSecret, ORDERS)
  return value ? value.split(',').filter(Boolean) : []
}

export async function unlockOrder(c: Context, shop: Shop, orderNo: string): Promise<void> {
  const current = (await unlockedOrders(c, shop)).filter((no) => no !== orderNo)
  const next = [orderNo, ...current].slice(0, MAX_UNLOCKED)
  await setSignedCookie(c, ORDERS, next.join(','), shop.cookieSecret, options)
}

export async function setNotice(c: Context, shop: Shop, message: string, ok: boolean): Promise<void> {
  await setSignedCookie(c, NOTICE, JSON.stringify({ message, ok }), shop.cookieSecret, options)
}

/** Reads the notice once; the response deletes it. */
export async function takeNotice(c: Context, shop: Shop): Promise<{ message: string; ok: boolean } | null> {
  const value = await getSignedCookie(c, shop.cookieSecret, NOTICE)
  if (!value) return null
  deleteCookie(c, NOTICE, { path: '/' })
  try {
    const parsed = JSON.parse(value) as { message?: unknown; ok?: unknown }
    return typeof parsed.message === 'string' ? { message: parsed.message, ok: parsed.ok === true } : null
  } catch {
    return null
  }
}
