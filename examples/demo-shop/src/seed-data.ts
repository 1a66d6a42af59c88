/**
 * The demo catalogue, buyers and orders. Codes are fixed so a tester can paste one into the
 * Kefu chat and see it matched by fingerprint; order numbers are random, like the real shop's.
 */
import type { Product } from './products.ts'

export const demoBuyers = [
  { id: 'u_1001', email: 'li@example.com', name: '李雷 Li Lei' },
  { id: 'u_1002', email: 'sam@example.com', name: 'Sam Carter' },
] as const

export const demoProducts: Product[] = [
  {
    id: 1,
    sku: 'STEAM-CNY-100',
    titleZh: 'Steam 钱包充值码 ¥100（国区）',
    titleEn: 'Steam Wallet Code ¥100 (China)',
    description: '自动发货，付款后卡密立即显示并发送到邮箱。在 Steam 客户端「兑换钱包充值码」中使用。',
    priceCents: 9600,
    delivery: 'auto',
    inputLabel: null,
  },
  {
    id: 2,
    sku: 'APPSTORE-CN-200',
    titleZh: 'App Store 充值卡 ¥200（中国区）',
    titleEn: 'App Store & iTunes Gift Card ¥200 (China)',
    description: '仅限中国区 Apple ID 使用。自动发货，16 位兑换码以 X 开头。',
    priceCents: 19400,
    delivery: 'auto',
    inputLabel: null,
  },
  {
    id: 3,
    sku: 'GENSHIN-6480',
    titleZh: '原神 6480 创世结晶 代充',
    titleEn: 'Genshin Impact 6480 Genesis Crystals top-up',
    description: '人工代充，工作时间内 30 分钟到账。请填写游戏 UID 与服务器，代充期间请勿登录。',
    priceCents: 59800,
    delivery: 'manual',
    inputLabel: '游戏 UID、服务器与登录信息 / Game UID, server and login',
  },
  {
    id: 4,
    sku: 'WIN11-PRO',
    titleZh: 'Windows 11 专业版 零售密钥',
    titleEn: 'Windows 11 Pro retail licence key',
    description: '一机一码，支持在线激活。自动发货，25 位产品密钥。',
    priceCents: 3990,
    delivery: 'auto',
    inputLabel: null,
  },
  {
    id: 5,
    sku: 'XGPU-1M',
    titleZh: 'Xbox Game Pass Ultimate 1 个月',
    titleEn: 'Xbox Game Pass Ultimate, 1 month',
    description: '全球通用兑换码。当前缺货：付款后订单会进入「异常」状态，演示缺货场景。',
    priceCents: 5900,
    delivery: 'auto',
    inputLabel: null,
  },
]

/** Stock per product id: codes that will be sold to the demo orders first, then the rest. */
export const demoStock: Record<number, string[]> = {
  1: [
    'G7KQ2-8WMRT-ZP4XN',
    'H3VDL-Q9J2E-7RCKM',
    'MXR8P-2LTQ6-KW3HD',
    'PZ4QW-7NKD2-X8LRM',
    'T6HJM-3QZ9V-WPK2E',
    'B9XLC-5RM7Q-JD4TN',
    'Y2WNK-8HPQ3-VZ7LR',
  ],
  2: ['X9QK7MZL3RTW2HNP', 'XJ4N8WQ2LK7RTM3B', 'XR7P2KZ9MW4QHL6D', 'XT3LM8QJ2NW7KPZR'],
  4: ['QW4NK-7J9PX-R2HTM-8DKC3-YV6BF', 'N3TXG-KM8QP-6WJ7R-D4HVY-2CBLF', 'P8RJM-3KXN7-TW9QD-Y2VHC-6GLBF'],
  5: [],
}

/** Every code the demo starts with: none of these may ever appear in a webhook answer. */
export const allDemoCodes: string[] = Object.values(demoStock).flat()

export interface DemoOrderSeed {
  label: string
  productId: number
  quantity: number
  buyerId: string | null
  email: string
  contact?: string
  searchPwd?: string
  info?: string
  buyIp: string
  status: number
  payChannel?: string
  /** How many codes from stock were delivered. */
  delivered: number
  hoursAgo: number
  refundReason?: string
}

export const demoOrders: DemoOrderSeed[] = [
  {
    label: 'delivered · 已完成',
    productId: 1,
    quantity: 1,
    buyerId: 'u_1001',
    email: 'li@example.com',
    searchPwd: 'li-pass-2468',
    buyIp: '203.0.113.24',
    status: 4,
    payChannel: 'alipay',
    delivered: 1,
    hoursAgo: 50,
  },
  {
    label: 'delivery_failed · 异常（已付款缺货 0/1）',
    productId: 5,
    quantity: 1,
    buyerId: 'u_1002',
    email: 'sam@example.com',
    buyIp: '198.51.100.7',
    status: 6,
    payChannel: 'wxpay',
    delivered: 0,
    hoursAgo: 3,
  },
  {
    label: 'paid_pending · 处理中（人工代充）',
    productId: 3,
    quantity: 1,
    buyerId: 'u_1001',
    email: 'li@example.com',
    searchPwd: 'genshin-9753',
    info: '游戏UID: 812345678；服务器: 天空岛（官服）；登录手机: 13800138000；登录密码: Tianli#2024',
    buyIp: '203.0.113.24',
    status: 3,
    payChannel: 'alipay',
    delivered: 0,
    hoursAgo: 1,
  },
  {
    label: 'refunded · 已退款',
    productId: 2,
    quantity: 1,
    buyerId: 'u_1002',
    email: 'sam@example.com',
    buyIp: '198.51.100.7',
    status: 7,
    payChannel: 'usdt',
    delivered: 1,
    hoursAgo: 30,
    refundReason: '买家反馈卡密无效，已核实退款 / code reported invalid, refunded',
  },
  {
    label: 'unpaid · 待支付',
    productId: 4,
    quantity: 1,
    buyerId: null,
    email: 'wang@example.com',
    contact: '2846091375',
    searchPwd: 'wang-8866',
    buyIp: '192.0.2.55',
    status: 1,
    delivered: 0,
    hoursAgo: 0.2,
  },
  {
    label: 'expired · 已过期',
    productId: 2,
    quantity: 1,
    buyerId: 'u_1001',
    email: 'li@example.com',
    buyIp: '203.0.113.24',
    status: -1,
    delivered: 0,
    hoursAgo: 75,
  },
  {
    label: 'multi-code · 异常（3 件只发出 2 件）',
    productId: 1,
    quantity: 3,
    buyerId: 'u_1001',
    email: 'li@example.com',
    searchPwd: 'li-multi-1357',
    buyIp: '203.0.113.24',
    status: 6,
    payChannel: 'wxpay',
    delivered: 2,
    hoursAgo: 6,
  },
]

/** Query passwords and manual inputs of the demo orders: secrets that stay in the shop. */
export const demoOrderSecrets: string[] = demoOrders.flatMap((order) =>
  [order.searchPwd, order.info, order.buyIp].filter((value): value is string => value !== undefined),
)
