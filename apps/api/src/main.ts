import { join } from 'node:path'
import { DataDirBusyError, loadSecretBox } from './data-dir.ts'
import { openConfiguredDatabase } from './database.ts'
import { startDemoShopBeside } from './demo-shop.ts'
import { currentPublicKey } from './domain/keys.ts'
import { startEventDelivery } from './domain/shop/outbox.ts'
import { loadEnv } from './env.ts'
import { smtpMailer } from './lib/smtp-mailer.ts'
import { localDiskStorage } from './lib/storage.ts'
import { inProcessBus, postgresBus } from './realtime/bus.ts'
import { seedDemo } from './seed.ts'
import { type RunningServer, startServer } from './server.ts'
import { buildServices } from './services-factory.ts'

async function main() {
  const env = loadEnv()
  const secrets = loadSecretBox(env)
  const { database, release } = await openConfiguredDatabase(env, { holder: 'server', port: env.PORT })
  const publicUrl = env.KEFU_PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PORT}`
  const demo = env.KEFU_SEED_DEMO
    ? await seedDemo(database.db, secrets, {
        dataDir: env.dataDir,
        origins: [publicUrl, `http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`],
      })
    : undefined

  // Several processes on one Postgres fan out through LISTEN/NOTIFY; the embedded database is one process.
  const bus = database.raw.driver === 'pglite' ? inProcessBus() : await postgresBus(database.raw)
  const services = buildServices(database, secrets, {
    cookieSecure: publicUrl.startsWith('https:'),
    trustProxy: env.KEFU_TRUST_PROXY,
    bus,
    storage: localDiskStorage(join(env.dataDir, 'uploads')),
    signupEnabled: env.KEFU_SIGNUP,
    ...(env.KEFU_SMTP_URL && { mailer: smtpMailer(env.KEFU_SMTP_URL, env.KEFU_MAIL_FROM) }),
    ...(env.KEFU_PUBLIC_URL && { publicOrigin: new URL(env.KEFU_PUBLIC_URL).origin }),
  })

  // Outbound events to the shop, retried with backoff for 24 h; every process takes a share.
  const eventDelivery = startEventDelivery({ db: database.db, secrets, timeoutMs: services.shopTimeoutMs })

  let running: RunningServer
  try {
    running = await startServer(services, { port: env.PORT, hostname: env.HOST })
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    console.error(
      e.code === 'EADDRINUSE'
        ? `\n  Port ${env.PORT} is in use; start with another one: PORT=3100 pnpm start\n`
        : e,
    )
    await bus.close()
    await database.close()
    release()
    process.exit(1)
  }

  const where =
    database.driver === 'pglite' ? `embedded PGlite in ${env.dataDir}` : `${database.driver} (DATABASE_URL)`
  const demoShop =
    demo && env.KEFU_DEMO_SHOP
      ? await startDemoShopBeside(database.db, {
          demo,
          kefuUrl: publicUrl,
          port: env.SHOP_PORT,
          dataDir: env.dataDir,
        })
      : undefined
  const lines = [
    '',
    `  Kefu is running at ${publicUrl}`,
    `  Inbox        ${publicUrl}/inbox`,
    `  Database     ${where}`,
    `  Health       ${publicUrl}/healthz`,
    `  API docs     ${publicUrl}/docs  (OpenAPI: ${publicUrl}/openapi.json)`,
  ]
  if (demo) {
    lines.push(
      '',
      `  Demo tenant  ${demo.tenantId} (星河数卡 Galaxy Cards, the demo card shop below)`,
      `  Demo login   ${demo.email} / ${demo.password}`,
      `               curl -c jar -H 'content-type: application/json' -d '{"email":"${demo.email}","password":"${demo.password}"}' ${publicUrl}/v1/auth/login`,
    )
    const key = await currentPublicKey(database.db, demo.tenantId)
    if (key) {
      lines.push(
        '',
        '  Widget snippet (paste before </body> on your shop):',
        `  <script async src="${publicUrl}/widget.js" data-key="${key}"></script>`,
      )
    }
  }
  if (demoShop) {
    lines.push(
      '',
      `  Demo card shop ${demoShop.url}  (buy, break and fix orders; its webhook is wired to Kefu)`,
    )
    for (const o of demoShop.orders) lines.push(`    ${o.orderNo}  ${o.email.padEnd(17)} ${o.label}`)
  }
  console.log(`${lines.join('\n')}\n`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n  ${signal}: stopping Kefu…`)
    running
      .close()
      .then(() => eventDelivery.stop())
      .then(() => demoShop?.close())
      .then(() => bus.close())
      .then(() => database.close())
      .catch((err) => console.error('[api] stopping:', err))
      .finally(() => {
        release()
        process.exit(0)
      })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err) => {
  if (err instanceof DataDirBusyError) console.error(`\n  ${err.message}\n`)
  else console.error('\n  Kefu could not start:', err instanceof Error ? err.message : err, '\n')
  process.exit(1)
})
