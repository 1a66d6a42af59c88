import { orderSchema } from '@kefu/protocol/shop'
import { fingerprintCode } from '@kefu/shop-sdk'
import { describe, expect, it } from 'vitest'
import { kefuStatus, rawStatus, toKefuOrder } from './order-mapping.ts'
import { ShopStatus } from './order-status.ts'
import type { ShopOrder } from './orders.ts'

const WHSEC = 'whsec_mapping_test'

function order(overrides: Partial<ShopOrder> = {}): ShopOrder {
  return {
    orderNo: 'K7Q2M9X4LP8W1ZAB',
    status: ShopStatus.completed,
    product: {
      id: 1,
      sku: 'STEAM-CNY-100',
      titleZh: 'Steam 钱包充值码 ¥100',
      titleEn: 'Steam Wallet Code',
      description: '',
      priceCents: 9600,
      delivery: 'auto',
      inputLabel: null,
    },
    buyerId: 'u_1',
    email: 'li@example.com',
    contact: '13812345678',
    searchPwd: 'my-secret-query-pwd',
    buyIp: '203.0.113.99',
    info: 'account password hunter2',
    quantity: 2,
    unitCents: 9600,
    totalCents: 19200,
    payChannel: 'alipay',
    refundedCents: null,
    refundReason: null,
    createdAt: new Date('2025-01-02T03:04:05Z'),
    paidAt: new Date('2025-01-02T03:05:00Z'),
    codes: ['ABCDE-FGHJK-9Z1QX', 'ZZZZ-YYYY-XXXX-1234'],
    ...overrides,
  }
}

describe('kefuStatus', () => {
  it.each([
    [ShopStatus.awaitingPayment, 'unpaid', '1 awaiting payment'],
    [ShopStatus.pending, 'paid_pending', '2 pending'],
    [ShopStatus.processing, 'paid_pending', '3 processing'],
    [ShopStatus.completed, 'delivered', '4 completed'],
    [ShopStatus.failed, 'cancelled', '5 failed'],
    [ShopStatus.abnormal, 'delivery_failed', '6 abnormal'],
    [ShopStatus.expired, 'expired', '-1 expired'],
    [ShopStatus.refunded, 'refunded', '7 refunded'],
  ] as const)('maps dujiaoka %i to %s', (status, kefu, raw) => {
    expect(kefuStatus(status)).toBe(kefu)
    expect(rawStatus(status)).toBe(raw)
  })
})

describe('toKefuOrder', () => {
  it('produces a protocol Order that loses nothing on parse', async () => {
    const mapped = await toKefuOrder(order(), WHSEC)
    expect(orderSchema.parse(mapped)).toEqual(mapped)
    expect(mapped).toMatchObject({
      status: 'delivered',
      rawStatus: '4 completed',
      createdAt: '2025-01-02T03:04:05.000Z',
      paidAt: '2025-01-02T03:05:00.000Z',
      amount: { value: '192.00', currency: 'CNY' },
      buyer: { emailMasked: 'l*@example.com', contactMasked: '13****78' },
      items: [
        {
          sku: 'STEAM-CNY-100',
          quantity: 2,
          unitPrice: { value: '96.00', currency: 'CNY' },
          delivery: 'auto',
        },
      ],
      delivered: 2,
      expected: 2,
      actions: { resend: true, refund: true },
    })
  })

  it('masks codes and fingerprints them with the given secret', async () => {
    const { codes } = await toKefuOrder(order(), WHSEC)
    expect(codes[0]).toEqual({
      masked: 'AB****Z1QX',
      fingerprint: await fingerprintCode(WHSEC, 'abcde fghjk 9z1qx'),
      status: 'delivered',
    })
  })

  it('never carries codes, query password, IP or manual input in clear', async () => {
    const text = JSON.stringify(await toKefuOrder(order({ status: ShopStatus.abnormal }), WHSEC))
    for (const secret of [
      'ABCDE-FGHJK-9Z1QX',
      'ABCDEFGHJK9Z1QX',
      'ZZZZYYYYXXXX1234',
      'my-secret-query-pwd',
      '203.0.113.99',
      'hunter2',
      'li@example.com',
      '13812345678',
    ]) {
      expect(text).not.toContain(secret)
    }
  })

  it('allows resend only for a delivered order with codes, refund only while paid', async () => {
    const cases: Array<[Partial<ShopOrder>, { resend: boolean; refund: boolean }]> = [
      [
        { status: ShopStatus.completed, codes: [] },
        { resend: false, refund: true },
      ],
      [
        { status: ShopStatus.abnormal, codes: ['ONLY-ONE-CODE-1'] },
        { resend: false, refund: true },
      ],
      [{ status: ShopStatus.refunded }, { resend: false, refund: false }],
      [
        { status: ShopStatus.awaitingPayment, codes: [], paidAt: null },
        { resend: false, refund: false },
      ],
      [
        { status: ShopStatus.processing, codes: [] },
        { resend: false, refund: true },
      ],
    ]
    for (const [overrides, actions] of cases) {
      expect((await toKefuOrder(order(overrides), WHSEC)).actions).toEqual(actions)
    }
  })

  it('counts a finished manual top-up as delivered units without codes', async () => {
    const manual = { ...order().product, delivery: 'manual' as const, sku: 'GENSHIN-6480' }
    const pending = await toKefuOrder(
      order({ product: manual, codes: [], quantity: 1, status: ShopStatus.processing }),
      WHSEC,
    )
    const done = await toKefuOrder(
      order({ product: manual, codes: [], quantity: 1, status: ShopStatus.completed }),
      WHSEC,
    )
    expect([pending.delivered, pending.expected, pending.status]).toEqual([0, 1, 'paid_pending'])
    expect([done.delivered, done.expected, done.codes]).toEqual([1, 1, []])
    expect(done.actions.resend).toBe(false)
  })
})
