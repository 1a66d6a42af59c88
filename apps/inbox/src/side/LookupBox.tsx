import type { Order } from '@kefu/protocol/shop'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { OrderNoForm } from './OrderNoForm.tsx'

/** "查订单": an order number the buyer gave, looked up in the shop and linked to the conversation. */
export function LookupBox({ onLookup }: { onLookup: (orderNo: string) => Promise<Order[]> }) {
  return (
    <OrderNoForm
      class="order-lookup"
      problemClass="order-lookup-problem"
      icon={<Icon name="search" size={14} />}
      placeholder={t('order.lookupPlaceholder')}
      button={t('order.lookup')}
      testId="order-lookup"
      onSubmit={async (no) =>
        (await onLookup(no)).length === 0 ? t('order.lookupNone', { orderNo: no }) : null
      }
    />
  )
}
