import { describe, expect, it } from 'vitest'
import { classify } from './classify.ts'

describe('classify', () => {
  it.each([
    ['付款成功了但是一直没收到卡密', 'code_not_received', 'normal'],
    ['我的卡密没收到，订单号 DJ20251120001，急！', 'code_not_received', 'high'],
    ['充值到现在还没到账', 'code_not_received', 'normal'],
    ["I paid an hour ago and still haven't received my code", 'code_not_received', 'normal'],
    ['卡密显示已被使用，兑换失败', 'code_invalid', 'normal'],
    ['The key is invalid, Steam says it was already redeemed', 'code_invalid', 'normal'],
    ['发错了，我买的是美区的，给我的是港区的面值不对', 'wrong_item', 'normal'],
    ['不想要了，申请退款', 'refund', 'urgent'],
    ['支付宝扣了钱但订单显示未支付', 'payment_not_credited', 'urgent'],
    ['I was charged twice for one order', 'payment_not_credited', 'urgent'],
    ['我的账号被盗了', 'account', 'urgent'],
    ["I can't log in, forgot my password", 'account', 'normal'],
    ['这个卡怎么兑换？', 'how_to_use', 'low'],
    ['How do I redeem this gift card?', 'how_to_use', 'low'],
    ['你好', 'other', 'normal'],
    ['hello?? anyone there', 'other', 'normal'],
    ['骗子！！还不发货，我要投诉', 'code_not_received', 'high'],
  ])('%s → %s, %s', (text, category, priority) => {
    expect(classify(text)).toEqual({ category, priority })
  })

  it('does not read a query password as an account problem', () => {
    expect(classify('订单号和查询密码都输入了').category).toBe('other')
  })
})
