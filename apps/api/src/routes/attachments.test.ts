import { describeEachDatabase } from '@kefu/db/testing'
import { type Attachment, errorBodySchema, type Message } from '@kefu/protocol'
import { expect, it } from 'vitest'
import { createHarness } from '../testing/harness.ts'
import { agentRequest, clientId, openVisitor, type TestVisitor } from '../testing/visitor.ts'

// A real 1×1 PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

describeEachDatabase('attachments', (database) => {
  const h = createHarness(database)
  const upload = (v: TestVisitor, bytes: Uint8Array, type: string, name = 'screenshot.png') =>
    h().app.request(`/v1/widget/attachments?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${v.token}`, 'content-type': type },
      body: bytes as Uint8Array<ArrayBuffer>,
    })

  it('stores an evidence screenshot, attaches it to a message and serves it through a signed link', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start()
    const res = await upload(v, png, 'image/png', '付款截图.png')
    expect(res.status).toBe(201)
    const file = (await res.json()) as Attachment
    expect(file).toMatchObject({ contentType: 'image/png', size: png.length, name: '付款截图.png' })

    const sent = await v.request(`/v1/widget/conversations/${conversation.id}/messages`, {
      body: { clientId: clientId(), text: '', attachmentIds: [file.id] },
    })
    expect(sent.status).toBe(201)
    const message = (await sent.json()) as Message
    const link = message.attachments[0]!.url
    const got = await h().app.request(link)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true)

    const tampered = await h().app.request(link.replace(/sig=[^&]+/, 'sig=AAAA'))
    expect(tampered.status).toBe(403)
    const expired = await h().app.request(link.replace(/exp=\d+/, 'exp=1000'))
    expect(expired.status).toBe(403)
    // The agent sees the same file in the thread.
    const agent = agentRequest(h(), await shop.login())
    const page = (await (await agent(`/v1/conversations/${conversation.id}/messages`)).json()) as {
      messages: Message[]
    }
    expect(page.messages[0]?.attachments[0]?.id).toBe(file.id)
  })

  it('accepts PDFs, and refuses spoofed types, unknown types, empty and oversized files', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    expect((await upload(v, pdf, 'application/pdf', 'receipt.pdf')).status).toBe(201)
    const spoofed = await upload(v, Buffer.from('<script>alert(1)</script>'), 'image/png')
    expect(spoofed.status).toBe(415)
    const mismatch = await upload(v, png, 'image/jpeg')
    expect(mismatch.status).toBe(415)
    expect(errorBodySchema.parse(await mismatch.json()).error.message).toContain('image/png')
    const exe = await upload(v, Buffer.from('MZ\x90\x00\x03'), 'application/octet-stream')
    expect(exe.status).toBe(415)
    expect((await upload(v, new Uint8Array(), 'image/png')).status).toBe(400)
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(png)
    const tooBig = await upload(v, big, 'image/png')
    expect(tooBig.status).toBe(413)
    expect(errorBodySchema.parse(await tooBig.json()).error.code).toBe('payload_too_large')
  })

  it("cannot send another visitor's upload", async () => {
    const shop = await h().newTenant()
    const a = await openVisitor(h(), shop)
    const b = await openVisitor(h(), shop)
    const file = (await (await upload(a, png, 'image/png')).json()) as Attachment
    const { conversation } = await b.start()
    const res = await b.request(`/v1/widget/conversations/${conversation.id}/messages`, {
      body: { clientId: clientId(), text: 'look', attachmentIds: [file.id] },
    })
    expect(res.status).toBe(400)
    expect(errorBodySchema.parse(await res.json()).error.field).toBe('body.attachmentIds')
  })
})
