import type { ConversationOrders, OrderActionRequest, OrderActionResult } from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import { useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { ActionDialog } from './ActionDialog.tsx'
import { newIdempotencyKey } from './order-format.ts'

type Run =
  | { phase: 'busy'; request: OrderActionRequest }
  | { phase: 'done'; request: OrderActionRequest; result: OrderActionResult }
  | { phase: 'error'; request: OrderActionRequest; error: string }

/** Re-send, refund and note buttons; each shows its progress and then the shop's answer inline. */
export function OrderActions({
  order,
  permissions,
  act,
}: {
  order: Order
  permissions: ConversationOrders['permissions']
  act: (orderNo: string, request: OrderActionRequest) => Promise<OrderActionResult>
}) {
  const [run, setRun] = useState<Run | null>(null)
  const [dialog, setDialog] = useState<'refund' | 'note' | null>(null)
  const busy = run?.phase === 'busy'

  const go = async (request: OrderActionRequest) => {
    setDialog(null)
    setRun({ phase: 'busy', request })
    try {
      setRun({ phase: 'done', request, result: await act(order.orderNo, request) })
    } catch (err) {
      setRun({ phase: 'error', request, error: errorText(err) })
    }
  }

  const resend = () =>
    go({ action: 'resend', reason: t('order.resendReason'), idempotencyKey: newIdempotencyKey() })

  const why = (shopAllows: boolean, mayAct: boolean) =>
    !mayAct ? t('order.notAllowed') : !shopAllows ? t('order.shopSays') : undefined
  const canResend = order.actions.resend && permissions.resend
  const canRefund = order.actions.refund && permissions.refund

  return (
    <div class="order-actions">
      <div class="order-buttons">
        <button
          type="button"
          class="button small"
          data-testid="order-resend"
          disabled={!canResend || busy}
          title={why(order.actions.resend, permissions.resend)}
          onClick={resend}
        >
          <Icon name="send" size={13} />
          {t('order.resend')}
        </button>
        <button
          type="button"
          class="button small"
          data-testid="order-refund"
          disabled={!canRefund || busy}
          title={why(order.actions.refund, permissions.refund)}
          onClick={() => setDialog('refund')}
        >
          {t('order.refund')}
        </button>
        <button
          type="button"
          class="button small ghost"
          data-testid="order-note"
          disabled={!permissions.resend || busy}
          onClick={() => setDialog('note')}
        >
          <Icon name="note" size={13} />
          {t('order.note')}
        </button>
      </div>
      {run && <RunLine run={run} onRetry={() => go(run.request)} />}
      {dialog && (
        <ActionDialog
          kind={dialog}
          order={order}
          refundMaxAmount={permissions.refundMaxAmount}
          onConfirm={go}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  )
}

const actionLabel = { resend: 'order.resend', refund: 'order.refund', note: 'order.note' } as const

/** The last action's progress or outcome. A retry reuses the same idempotency key. */
function RunLine({ run, onRetry }: { run: Run; onRetry: () => void }) {
  const what = t(actionLabel[run.request.action])
  if (run.phase === 'busy') {
    return (
      <p class="action-result busy" data-testid="order-action-result" data-status="busy">
        <span class="spinner" />
        {what} · {t('order.working')}
      </p>
    )
  }
  if (run.phase === 'error') {
    return (
      <p class="action-result failed" data-testid="order-action-result" data-status="error" role="alert">
        <span>
          <strong>{what}</strong> · {run.error}
        </span>
        <button type="button" class="link-button" onClick={onRetry}>
          {t('order.retry')}
        </button>
      </p>
    )
  }
  const { result } = run
  return (
    <p class={`action-result ${result.status}`} data-testid="order-action-result" data-status={result.status}>
      <span>
        <strong>
          {what} · {t(`order.result.${result.status}`)}
        </strong>
        {result.replayed && <small> ({t('order.replayed')})</small>}
        {result.message && <span class="action-message">{result.message}</span>}
      </span>
    </p>
  )
}
