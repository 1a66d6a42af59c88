/** Runs the demo shop on its own: `SHOP_PORT=4000 KEFU_URL=… KEFU_PUBLIC_KEY=… pnpm start`. */
import { loadShopEnv } from './env.ts'
import { startDemoShop } from './index.ts'

const env = loadShopEnv()
const shop = await startDemoShop({
  port: env.SHOP_PORT,
  dataDir: env.SHOP_DATA_DIR,
  kefu: {
    url: env.KEFU_URL,
    publicKey: env.KEFU_PUBLIC_KEY,
    secretKey: env.KEFU_SECRET_KEY,
    webhookSecrets: env.KEFU_WEBHOOK_SECRET,
    identitySecret: env.KEFU_IDENTITY_SECRET,
  },
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n  ${signal}: stopping the demo shop…`)
    shop.close().finally(() => process.exit(0))
  })
}
