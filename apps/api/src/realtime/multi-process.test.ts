import { type Database, migrate, openDatabase } from '@kefu/db'
import { createScratchDatabase, type ScratchDatabase } from '@kefu/db/testing'
import type { Conversation, WidgetSession } from '@kefu/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAgent } from '../domain/agents.ts'
import { createTenant } from '../domain/tenants.ts'
import { SecretBox } from '../lib/master-key.ts'
import { TEST_PASSWORD } from '../testing/harness.ts'
import { type KefuProcess, spawnKefu } from '../testing/process.ts'
import { clientId } from '../testing/visitor.ts'
import { connectAgent, connectVisitor } from '../testing/ws-client.ts'

const masterKey = Buffer.alloc(32, 3).toString('base64')

describe('two API processes on one PostgreSQL database', () => {
  let scratch: ScratchDatabase
  let database: Database
  let a: KefuProcess
  let b: KefuProcess

  beforeAll(async () => {
    scratch = await createScratchDatabase()
    database = await openDatabase({ url: scratch.url, driver: 'postgres' })
    await migrate(database)
    const env = { DATABASE_URL: scratch.url, KEFU_MASTER_KEY: masterKey }
    ;[a, b] = await Promise.all([spawnKefu(env), spawnKefu(env)])
  }, 120_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await database?.close()
    await scratch?.drop()
  }, 60_000)

  it('delivers a visitor message sent through A to an agent held by B, and the reply back', async () => {
    const secrets = SecretBox.parse(masterKey)
    const { tenant, keys } = await createTenant(database.db, secrets, {
      name: 'Two-process shop',
      allowedOrigins: ['https://shop.example'],
      actor: { type: 'system' },
    })
    const email = `mp-${Date.now()}@test.kefu.local`
    await addAgent(database.db, {
      tenantId: tenant.id,
      email,
      name: 'Mei',
      role: 'agent',
      password: TEST_PASSWORD,
      actor: { type: 'system' },
    })

    const session = (await (
      await fetch(`${a.url}/v1/widget/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
        body: JSON.stringify({ publicKey: keys.publicKey }),
      })
    ).json()) as WidgetSession
    const { conversation } = (await (
      await fetch(`${a.url}/v1/widget/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.visitorToken}` },
        body: '{}',
      })
    ).json()) as { conversation: Conversation }

    const login = await fetch(`${b.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const agentOnB = await connectAgent(b.url, cookie)
    const visitorOnA = await connectVisitor(a.url, session.visitorToken)

    const id = clientId()
    const sentAt = Date.now()
    visitorOnA.send({
      type: 'message.send',
      conversationId: conversation.id,
      clientId: id,
      text: '从进程A发出',
    })
    const received = await agentOnB.next('message.created', (e) => e.message.clientId === id)
    expect(received.message.text).toBe('从进程A发出')
    expect(Date.now() - sentAt).toBeLessThan(2000)

    const reply = clientId()
    agentOnB.send({
      type: 'message.send',
      conversationId: conversation.id,
      clientId: reply,
      text: 'answered from B',
    })
    const back = await visitorOnA.next('message.created', (e) => e.message.clientId === reply)
    expect(back.message.author).toMatchObject({ type: 'agent', name: 'Mei' })

    // Typing crosses processes too; presence shows the agent online to the visitor on A.
    visitorOnA.send({ type: 'typing', conversationId: conversation.id, typing: true })
    await agentOnB.next('typing')
    expect((await visitorOnA.next('ready')).agentsOnline).toBe(1)
    agentOnB.close()
    visitorOnA.close()
  }, 30_000)
})
