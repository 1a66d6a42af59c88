import { type Database, messages, migrate, openDatabase } from '@kefu/db'
import { createScratchDatabase, type ScratchDatabase } from '@kefu/db/testing'
import type { Conversation, WidgetSession } from '@kefu/protocol'
import { inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant } from '../domain/tenants.ts'
import { SecretBox } from '../lib/master-key.ts'
import { type KefuProcess, spawnKefu } from '../testing/process.ts'
import { connectVisitor, type TestSocket } from '../testing/ws-client.ts'

const masterKey = Buffer.alloc(32, 5).toString('base64')

describe('a server killed with SIGKILL while visitors are sending', () => {
  let scratch: ScratchDatabase
  let database: Database
  let server: KefuProcess | undefined

  beforeAll(async () => {
    scratch = await createScratchDatabase()
    database = await openDatabase({ url: scratch.url, driver: 'postgres' })
    await migrate(database)
  }, 60_000)

  afterAll(async () => {
    await server?.stop('SIGKILL')
    await database?.close()
    await scratch?.drop()
  }, 60_000)

  it('keeps every message it acknowledged', async () => {
    const env = { DATABASE_URL: scratch.url, KEFU_MASTER_KEY: masterKey }
    server = await spawnKefu(env)
    const { keys } = await createTenant(database.db, SecretBox.parse(masterKey), {
      name: 'Crash shop',
      allowedOrigins: ['https://shop.example'],
      actor: { type: 'system' },
    })

    const acked = new Set<string>()
    const sockets: TestSocket[] = []
    let sent = 0
    for (let v = 0; v < 4; v++) {
      const session = (await (
        await fetch(`${server.url}/v1/widget/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
          body: JSON.stringify({ publicKey: keys.publicKey }),
        })
      ).json()) as WidgetSession
      const { conversation } = (await (
        await fetch(`${server.url}/v1/widget/conversations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.visitorToken}` },
          body: '{}',
        })
      ).json()) as { conversation: Conversation }
      const socket = await connectVisitor(server.url, session.visitorToken)
      socket.ws.on('message', (data) => {
        const e = JSON.parse(String(data)) as { type: string; clientId?: string }
        if (e.type === 'ack' && e.clientId) acked.add(e.clientId)
      })
      sockets.push(socket)
      // Keep frames flowing until the socket dies: 20 per visitor per tick.
      const pump = setInterval(() => {
        if (socket.ws.readyState !== 1) return clearInterval(pump)
        for (let i = 0; i < 4; i++) {
          socket.send({
            type: 'message.send',
            conversationId: conversation.id,
            clientId: `crash_${v}_${sent++}`,
            text: `m ${sent}`,
          })
        }
      }, 10)
    }

    // Let a few hundred messages through, then pull the plug mid-stream.
    const deadline = Date.now() + 10_000
    while (acked.size < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    server.child.kill('SIGKILL')
    await server.exited
    await Promise.all(sockets.map((s) => s.closed))
    expect(acked.size).toBeGreaterThan(100)
    expect(sent).toBeGreaterThan(acked.size)

    server = await spawnKefu(env)
    const stored = await database.db
      .select({ clientId: messages.clientId })
      .from(messages)
      .where(inArray(messages.clientId, [...acked]))
    const missing = [...acked].filter((id) => !stored.some((s) => s.clientId === id))
    expect(missing).toEqual([])
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  }, 60_000)
})
