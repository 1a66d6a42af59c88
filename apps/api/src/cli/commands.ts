import type { Db } from '@kefu/db'
import { roleSchema } from '@kefu/protocol'
import { addAgent } from '../domain/agents.ts'
import { type KeyKind, rotateKey } from '../domain/keys.ts'
import { createTenant, getTenant, listTenants } from '../domain/tenants.ts'
import { KefuError } from '../errors.ts'
import type { SecretBox } from '../lib/master-key.ts'
import { generatePassword } from '../lib/password.ts'

export interface CommandContext {
  db: Db
  secrets: SecretBox
  options: Record<string, string | string[] | boolean | undefined>
  print(line: string): void
}

type Command = (ctx: CommandContext) => Promise<void>

function required(ctx: CommandContext, flag: string): string {
  const value = ctx.options[flag]
  if (typeof value !== 'string' || !value.trim())
    throw new KefuError('invalid_request', `--${flag} is required`)
  return value.trim()
}

async function requireTenant(ctx: CommandContext): Promise<string> {
  const id = required(ctx, 'tenant')
  if (!(await getTenant(ctx.db, id)))
    throw new KefuError('not_found', `No shop with id ${id} (see: pnpm kefu tenant list)`)
  return id
}

const keyKinds: KeyKind[] = ['public', 'secret', 'webhook', 'identity']

/** The CLI's commands; `main.ts` only parses arguments and opens the database. */
export const commands: Record<string, Command> = {
  async migrate(ctx) {
    ctx.print('Migrations are applied.')
  },

  async 'tenant create'(ctx) {
    const origins = (ctx.options.origin as string[] | undefined) ?? []
    const { tenant, keys } = await createTenant(ctx.db, ctx.secrets, {
      name: required(ctx, 'name'),
      allowedOrigins: origins,
      actor: { type: 'cli' },
    })
    ctx.print(`Created shop ${tenant.name} (${tenant.id})`)
    ctx.print(
      `Allowed origins: ${tenant.allowedOrigins.join(', ') || '(none yet: the widget will refuse every page)'}`,
    )
    ctx.print('')
    ctx.print('Keys — shown once; store the secret ones in your shop backend now:')
    ctx.print(`  public widget key  ${keys.publicKey}`)
    ctx.print(`  secret API key     ${keys.secretKey}`)
    ctx.print(`  webhook secret     ${keys.webhookSecret}`)
    ctx.print(`  identity secret    ${keys.identitySecret}`)
  },

  async 'tenant list'(ctx) {
    const rows = await listTenants(ctx.db)
    if (!rows.length)
      ctx.print('No shops yet: pnpm kefu tenant create --name "My Shop" --origin https://shop.example')
    for (const t of rows) ctx.print(`${t.id}  ${t.name}  ${t.allowedOrigins.join(' ')}`)
  },

  async 'agent add'(ctx) {
    const tenantId = await requireTenant(ctx)
    const email = required(ctx, 'email')
    const role = roleSchema.safeParse(ctx.options.role ?? 'agent')
    if (!role.success) throw new KefuError('invalid_request', '--role must be owner, admin or agent')
    const given = typeof ctx.options.password === 'string' ? ctx.options.password : undefined
    const password = given ?? generatePassword()
    const name = typeof ctx.options.name === 'string' ? ctx.options.name : email.split('@')[0]!
    const { agentId, created } = await addAgent(ctx.db, {
      tenantId,
      email,
      name,
      role: role.data,
      password,
      actor: { type: 'cli' },
    })
    ctx.print(`Added ${email} as ${role.data} (${agentId})`)
    if (created && !given) ctx.print(`Password (shown once): ${password}`)
    if (!created) ctx.print('This login already existed; its password is unchanged.')
  },

  async 'keys rotate'(ctx) {
    const tenantId = await requireTenant(ctx)
    const kind = required(ctx, 'kind') as KeyKind
    if (!keyKinds.includes(kind))
      throw new KefuError('invalid_request', `--kind must be one of ${keyKinds.join(', ')}`)
    const overlapText = ctx.options['overlap-hours']
    const overlapHours = typeof overlapText === 'string' ? Number(overlapText) : undefined
    if (overlapHours !== undefined && !(overlapHours >= 0 && overlapHours <= 24 * 30)) {
      throw new KefuError('invalid_request', '--overlap-hours must be between 0 and 720')
    }
    const { key, previousExpireAt } = await rotateKey(ctx.db, ctx.secrets, {
      tenantId,
      kind,
      ...(overlapHours !== undefined && { overlapHours }),
      actor: { type: 'cli' },
    })
    ctx.print(`New ${kind} key (shown once): ${key}`)
    ctx.print(`The previous ${kind} key stops working at ${previousExpireAt.toISOString()}.`)
  },
}
