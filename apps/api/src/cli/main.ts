import { parseArgs } from 'node:util'
import { DataDirBusyError, loadSecretBox } from '../data-dir.ts'
import { openConfiguredDatabase } from '../database.ts'
import { loadEnv } from '../env.ts'
import { KefuError } from '../errors.ts'
import { commands } from './commands.ts'

const usage = `Usage: pnpm kefu <command> [options]

  migrate                                   apply database migrations
  tenant create --name NAME --origin URL…   create a shop; prints its keys once
  tenant list                               list shops
  agent add --tenant ten_… --email E [--name N] [--role owner|admin|agent] [--password P]
                                            add a person to a shop (prints a generated password once)
  keys rotate --tenant ten_… --kind public|secret|webhook|identity [--overlap-hours H]
                                            issue a new key; the old one works for the overlap (default:
                                            secret 0 h, others 24 h); prints the new key once

Works on the database the server uses: DATABASE_URL, or the embedded one in KEFU_DATA_DIR (default ./.kefu).`

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      tenant: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      kind: { type: 'string' },
      'overlap-hours': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const name = positionals.slice(0, 2).join(' ')
  const command = commands[name] ?? commands[positionals[0] ?? '']
  if (values.help || !command) {
    console.log(usage)
    return values.help || positionals.length === 0 ? 0 : 2
  }
  const env = loadEnv()
  const secrets = loadSecretBox(env)
  const { database, release } = await openConfiguredDatabase(env, { holder: 'cli' })
  try {
    await command({ db: database.db, secrets, options: values, print: (line) => console.log(line) })
    return 0
  } finally {
    await database.close()
    release()
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof DataDirBusyError || err instanceof KefuError) console.error(`kefu: ${err.message}`)
    else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`kefu: ${err.message}\n\n${usage}`)
    } else console.error('kefu:', err instanceof Error ? err.message : err)
    process.exit(1)
  })
