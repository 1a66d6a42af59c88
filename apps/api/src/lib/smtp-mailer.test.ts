import type { AddressInfo } from 'node:net'
import { describeEachDatabase } from '@kefu/db/testing'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createHarness } from '../testing/harness.ts'
import { smtpMailer } from './smtp-mailer.ts'

// A real SMTP server on loopback that keeps what it receives.
const received: Array<{ from: string; to: string[]; raw: string }> = []
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, done) {
    let raw = ''
    stream.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8')
    })
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
      })
      done()
    })
  },
})
let port = 0
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  port = (server.server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describeEachDatabase('mail through an SMTP server', (database) => {
  const h = createHarness(database)

  it('sends the password-reset link to the agent through KEFU_SMTP_URL', async () => {
    h().services.mailer = smtpMailer(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'Kefu <no-reply@kefu.test>')
    const shop = await h().newTenant()
    const res = await h().app.request('/v1/auth/password-reset/request', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: shop.email }),
    })
    expect(res.status).toBe(200)
    const deadline = Date.now() + 5000
    while (!received.some((m) => m.to.includes(shop.email)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50))
    }
    const mail = received.find((m) => m.to.includes(shop.email))
    expect(mail?.from).toBe('no-reply@kefu.test')
    // Bodies travel quoted-printable: undo soft line breaks and =XX escapes.
    const body = (mail?.raw ?? '')
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    expect(body).toMatch(/reset-password#token=[\w-]{20,}/)
  })
})
