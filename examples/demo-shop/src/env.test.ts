import { describe, expect, it } from 'vitest'
import { loadShopEnv } from './env.ts'

const base = {
  KEFU_PUBLIC_KEY: 'pk_live_x',
  KEFU_SECRET_KEY: 'sk_live_x',
  KEFU_WEBHOOK_SECRET: 'whsec_new, whsec_old',
  KEFU_IDENTITY_SECRET: 'idsec_x',
}

describe('loadShopEnv', () => {
  it('applies defaults and splits rotated webhook secrets', () => {
    expect(loadShopEnv({ ...base, SHOP_DATA_DIR: '' })).toEqual({
      SHOP_PORT: 4000,
      KEFU_URL: 'http://localhost:3000',
      KEFU_PUBLIC_KEY: 'pk_live_x',
      KEFU_SECRET_KEY: 'sk_live_x',
      KEFU_WEBHOOK_SECRET: ['whsec_new', 'whsec_old'],
      KEFU_IDENTITY_SECRET: 'idsec_x',
    })
  })

  it('names every bad variable', () => {
    expect(() => loadShopEnv({ ...base, SHOP_PORT: 'abc', KEFU_SECRET_KEY: 'pk_oops' })).toThrow(
      /SHOP_PORT[\s\S]*KEFU_SECRET_KEY/,
    )
  })
})
