import { resolve } from 'node:path'
import { z } from 'zod'

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Where the embedded database, the generated master key and uploads live. */
  KEFU_DATA_DIR: z.string().default('.kefu'),
  DATABASE_URL: z.string().url().optional(),
  KEFU_DB_DRIVER: z.enum(['pglite', 'postgres', 'neon']).optional(),
  /** `host:port/path` of a Neon-compatible WebSocket proxy (local development against Neon's driver). */
  KEFU_NEON_WS_PROXY: z.string().optional(),
  /** 32 bytes, base64 or hex. Required with DATABASE_URL; generated into the data folder otherwise. */
  KEFU_MASTER_KEY: z.string().optional(),
  /** The address buyers and agents reach Kefu at; used in the snippet and for secure cookies. */
  KEFU_PUBLIC_URL: z.string().url().optional(),
  /** Trust X-Forwarded-For for the client IP (only behind your own proxy). */
  KEFU_TRUST_PROXY: z.stringbool().default(false),
  /** Seed a demo tenant and agent into an empty database. */
  KEFU_SEED_DEMO: z.stringbool().default(true),
  /** Run the demo card shop (examples/demo-shop) next to Kefu, wired to the demo tenant. */
  KEFU_DEMO_SHOP: z.stringbool().default(true),
  SHOP_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Let anyone create a shop from the inbox's sign-up page (`off` for a private deployment). */
  KEFU_SIGNUP: z.stringbool().default(true),
  /** Mail server for reset and invitation links; without it they are printed to the server log. */
  KEFU_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'smtp://… or smtps://…')
    .optional(),
  KEFU_MAIL_FROM: z.string().default('Kefu <no-reply@kefu.local>'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
})

export type Env = z.infer<typeof schema> & { dataDir: string }

/** Reads and checks the environment once; nothing else in Kefu reads `process.env`. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (`DATABASE_URL=`) means "not set", as shells and .env files use it.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = schema.safeParse(present)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.KEFU_DATA_DIR) }
}
