import { z } from 'zod'

const schema = z.object({
  SHOP_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** A folder for the shop's database; unset keeps everything in memory. */
  SHOP_DATA_DIR: z.string().optional(),
  KEFU_URL: z.url().default('http://localhost:3000'),
  KEFU_PUBLIC_KEY: z.string().startsWith('pk_'),
  KEFU_SECRET_KEY: z.string().startsWith('sk_'),
  /** Several during a rotation, newest first, comma-separated. */
  KEFU_WEBHOOK_SECRET: z
    .string()
    .transform((value) => value.split(',').map((secret) => secret.trim()))
    .pipe(z.array(z.string().startsWith('whsec_')).min(1)),
  KEFU_IDENTITY_SECRET: z.string().min(1),
})

export type ShopEnv = z.infer<typeof schema>

/** Reads and checks the environment once; nothing else in the shop reads `process.env`. */
export function loadShopEnv(source: NodeJS.ProcessEnv = process.env): ShopEnv {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = schema.safeParse(present)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return parsed.data
}
