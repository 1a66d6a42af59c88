import { join } from 'node:path'
import { type Db, tenants } from '@kefu/db'
import { eq } from 'drizzle-orm'
import { getConnection, saveConnection } from './domain/shop/connection.ts'
import type { DemoCredentials } from './seed.ts'

/**
 * Starts the demo card shop next to Kefu and wires it to the demo tenant: its pages may open the
 * widget, and Kefu calls its webhook. Returns undefined (with a line saying why) when it cannot run.
 */
export async function startDemoShopBeside(
  db: Db,
  input: { demo: DemoCredentials; kefuUrl: string; port: number; dataDir: string },
): Promise<
  | { url: string; orders: Array<{ label: string; orderNo: string; email: string }>; close(): Promise<void> }
  | undefined
> {
  const { startDemoShop } = await import('@kefu/demo-shop')
  let shop: Awaited<ReturnType<typeof startDemoShop>>
  try {
    shop = await startDemoShop({
      port: input.port,
      dataDir: join(input.dataDir, 'demo-shop'),
      kefu: {
        url: input.kefuUrl,
        publicKey: input.demo.publicKey,
        secretKey: input.demo.secretKey,
        webhookSecret: input.demo.webhookSecret,
        identitySecret: input.demo.identitySecret,
      },
      log: (line) => {
        if (!line.includes('Demo card shop')) console.log(line)
      },
    })
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    console.error(
      e.code === 'EADDRINUSE'
        ? `  The demo shop's port ${input.port} is in use; start with another one (SHOP_PORT=4100) or KEFU_DEMO_SHOP=false.`
        : `  The demo shop could not start: ${e.message}`,
    )
    return undefined
  }
  const origins = [`http://localhost:${input.port}`, `http://127.0.0.1:${input.port}`]
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, input.demo.tenantId))
  if (tenant && origins.some((o) => !tenant.allowedOrigins.includes(o))) {
    await db
      .update(tenants)
      .set({ allowedOrigins: [...new Set([...tenant.allowedOrigins, ...origins])] })
      .where(eq(tenants.id, tenant.id))
  }
  const webhookUrl = `http://127.0.0.1:${input.port}/kefu/webhook`
  const current = await getConnection(db, input.demo.tenantId)
  if (current?.webhookUrl !== webhookUrl) {
    await saveConnection(db, input.demo.tenantId, {
      webhookUrl,
      refundMinRole: current?.refundMinRole ?? 'admin',
      refundMaxAmount: current?.refundMaxAmount ?? null,
      botMayResend: current?.botMayResend ?? true,
      notifyBuyerOnFailure: current?.notifyBuyerOnFailure ?? true,
      events: (current?.events as never) ?? ['conversation.created', 'message.created'],
    })
  }
  return {
    url: `http://localhost:${input.port}`,
    orders: shop.demoOrders.map((o) => ({ label: o.label, orderNo: o.orderNo, email: o.email })),
    close: () => shop.close(),
  }
}
