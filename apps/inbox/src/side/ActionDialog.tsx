import type { OrderActionRequest } from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import { useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t, useLocale } from '../lib/i18n.ts'
import { amountPattern, cents, money, newIdempotencyKey, refundCap } from './order-format.ts'

/**
 * Confirms a refund (amount up to the cap, required reason) or writes a note. The dialog's
 * idempotency key is made when it opens, so a double click on confirm acts once.
 */
export function ActionDialog({
  kind,
  order,
  refundMaxAmount,
  onConfirm,
  onClose,
}: {
  kind: 'refund' | 'note'
  order: Order
  refundMaxAmount: string | null
  onConfirm: (request: OrderActionRequest) => void
  onClose: () => void
}) {
  const locale = useLocale()
  const [key] = useState(newIdempotencyKey)
  const cap = refundCap(order.amount.value, refundMaxAmount)
  const [amount, setAmount] = useState(cap)
  const [reason, setReason] = useState('')
  const refund = kind === 'refund'
  const wellFormed = amountPattern.test(amount.trim()) && cents(amount) > 0
  const amountOk = wellFormed && cents(amount) <= cents(cap)
  const ok = reason.trim().length > 0 && (!refund || amountOk)

  const submit = (e: Event) => {
    e.preventDefault()
    if (!ok) return
    const full = refund && cents(amount) === cents(order.amount.value)
    onConfirm({
      action: kind,
      reason: reason.trim(),
      idempotencyKey: key,
      ...(refund && !full && { amount: amount.trim() }),
    })
  }
  const title = refund
    ? t('order.refundTitle', { orderNo: order.orderNo })
    : t('order.noteTitle', { orderNo: order.orderNo })

  return (
    <div class="overlay">
      <button type="button" class="overlay-close" aria-label={t('order.cancel')} onClick={onClose} />
      <form
        class="dialog form"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={`${kind}-dialog`}
        onSubmit={submit}
      >
        <div class="dialog-head">
          <h2>{title}</h2>
          <button type="button" class="icon-button" onClick={onClose} aria-label={t('order.cancel')}>
            <Icon name="x" />
          </button>
        </div>
        {refund && (
          <label>
            {t('order.refundAmount', { currency: order.amount.currency })}
            <input
              name="amount"
              inputMode="decimal"
              value={amount}
              onInput={(e) => setAmount(e.currentTarget.value)}
              aria-invalid={!amountOk}
            />
            <span class={amountOk ? 'hint' : 'save-error'}>
              {amountOk
                ? `${t('order.refundFull', { amount: money(order.amount, locale) })}${refundMaxAmount === null ? '' : ` · ${t('order.refundMax', { max: refundMaxAmount })}`}`
                : wellFormed
                  ? t('order.refundTooMuch', { max: cap })
                  : t('order.refundBadAmount')}
            </span>
          </label>
        )}
        <label>
          {refund ? t('order.reason') : t('order.noteText')}
          <textarea
            name="reason"
            rows={3}
            maxLength={500}
            required
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
        <div class="form-actions end">
          <button type="button" class="button ghost" onClick={onClose}>
            {t('order.cancel')}
          </button>
          <button
            type="submit"
            class={`button ${refund ? 'danger' : 'primary'}`}
            disabled={!ok}
            data-testid="dialog-confirm"
          >
            {refund ? t('order.confirmRefund') : t('order.send')}
          </button>
        </div>
      </form>
    </div>
  )
}
