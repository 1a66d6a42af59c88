import type { TicketCategory, TicketPriority } from '@kefu/protocol'

/**
 * What a buyer's words are about, for card shops, in Chinese and English. Plain substring tests
 * for Chinese (no spaces to split on), word-bounded ones for English. Each rule that matches adds
 * a point; the category with most points wins, ties going to the one listed first (the more
 * specific or costlier case).
 */
const rules: Array<[TicketCategory, RegExp[]]> = [
  [
    'payment_not_credited',
    [
      /(付款|付了款|支付|付了钱|扣款|扣了钱|钱扣了|转账).{0,12}(未到账|没到账|不到账|没有到账|显示未付|显示未支付|还是未支付|待支付|没反应)/,
      /(订单|状态).{0,6}(显示|还是|一直).{0,4}(未支付|未付款|待付款|待支付)/,
      /重复(扣款|支付|付款)|扣了两次|付了两次/,
      /\b(payment|paid|charged)\b.{0,40}\b(not (credited|showing|received)|still (unpaid|pending)|shows? (unpaid|pending))/i,
      /\bcharged twice\b|\bdouble charged\b|\bnot credited\b/i,
    ],
  ],
  [
    'code_invalid',
    [
      /卡密.{0,8}(无效|错误|不对|用不了|不能用|失效|过期)|(无效|错误|失效)的?卡密/,
      /(已被使用|已经被使用|被用过|被人用了|已使用|已被兑换|已兑换过)/,
      /(激活|兑换|充值|绑定)(失败|不了|不成功)|提示(无效|错误|已使用)/,
      /\b(invalid|expired|wrong) (code|key|card|pin)\b|\b(code|key|card|pin) (is |was )?(invalid|expired|not valid)\b/i,
      /\balready (been )?(used|redeemed|activated|claimed)\b|\b(does ?n[o']t|not) work(ing)?\b|\b(activation|redeem(ing)?|redemption) failed\b/i,
    ],
  ],
  [
    'code_not_received',
    [
      /(没|未|不|没有|还没|一直没)(收到|发货|到货|给|发).{0,6}(卡密|卡号|激活码|兑换码|序列号|key|码|货)?/i,
      /(卡密|激活码|兑换码|货|码)(呢|在哪|去哪|没到|没来|还没)/,
      /(邮件|邮箱).{0,6}(没|未)(收到|有)/,
      /充值.{0,6}(没到账|未到账|没到|不到账)/,
      /\b(did ?n[o']t|did not|have ?n[o']t|have not|never|not) (get|got|gotten|receive[d]?)\b/i,
      /\b(no|missing) (code|key|email|delivery)\b|\bwhere is my (code|key|order)\b|\bnot (been )?delivered\b/i,
    ],
  ],
  [
    'wrong_item',
    [
      /发错|错发|不符|不一致|不是我(买|要|下单)的|面值不对|区服不对|地区不对|版本不对|商品不对|货不对/,
      /\bwrong (item|product|region|denomination|card|game|version|amount)\b|\bnot what i (ordered|bought|paid for)\b/i,
    ],
  ],
  [
    'refund',
    [
      /退款|退钱|退回|退单|不想要了|申请退|把钱退/,
      /\brefund(ed|s)?\b|\bmoney back\b|\bchargeback\b|\bcancel (my|the) order\b/i,
    ],
  ],
  [
    'account',
    [
      /账号|账户|帐号|帐户|登录不了|登不上|无法登录|登陆不了|(登录|登陆)密码|忘记密码|密码(错误|不对)|改密码|被盗|盗号|封号|验证码|绑定手机/,
      /\b(account|log ?in|sign ?in|password|hacked|stolen|banned|locked out|2fa|verification code)\b/i,
    ],
  ],
  [
    'how_to_use',
    [
      /怎么(用|使用|兑换|激活|充值|绑定)|如何(使用|兑换|激活|充值|绑定)|使用方法|使用教程|在哪(里)?(兑换|激活|输入)/,
      /\bhow (do i|to|can i) (use|redeem|activate|top ?up|enter|apply)\b|\binstructions?\b/i,
    ],
  ],
]

/** Money and account-security cases are the most urgent kind for a shop. */
const SECURITY = /被盗|盗号|盗刷|被人登录|异地登录|\b(hacked|stolen|unauthori[sz]ed|fraud(ulent)?)\b/i
const MONEY: TicketCategory[] = ['payment_not_credited', 'refund']

/** Angry or urgent wording raises a case one step. */
const URGENT =
  /急|紧急|马上|立刻|立即|赶紧|快点|尽快|投诉|骗子|骗人|黑店|垃圾|报警|12315|差评|曝光|坑人|[!！]{2,}|\b(urgent|asap|immediately|right now|scam(mer)?|fraud|police|lawyer|report you|ridiculous|unacceptable)\b/i

const steps: TicketPriority[] = ['low', 'normal', 'high', 'urgent']

export interface Classification {
  category: TicketCategory
  priority: TicketPriority
}

export function classify(text: string): Classification {
  let best: TicketCategory = 'other'
  let bestScore = 0
  for (const [category, patterns] of rules) {
    const score = patterns.reduce((n, re) => n + (re.test(text) ? 1 : 0), 0)
    if (score > bestScore) {
      best = category
      bestScore = score
    }
  }
  const security = SECURITY.test(text)
  const category = security && best === 'other' ? 'account' : best
  let level = MONEY.includes(category) || security ? 3 : category === 'how_to_use' ? 0 : 1
  if (URGENT.test(text)) level = Math.min(3, level + 1)
  return { category, priority: steps[level]! }
}
