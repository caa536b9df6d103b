// What a delivery that was never sent becomes once its webhook is found disabled at the claim,
// decided inside the UPDATE from the webhook as it is then. Cancelled when its owner disabled
// it; Failed when the system did (410 Gone, auto-disable: the only writers of disabled_at),
// since the endpoint's failures stopped it and Recover should offer it after re-enabling.
// The same SQL text for both dialects (`deliveries` is the table being updated).
export const CANCELLED_STATUS_SQL = `case when exists (select 1 from webhooks w where w.id = deliveries.webhook_id
  and w.disabled_at is not null) then 'failed' else 'cancelled' end`;

/** disabled_reason of a webhook whose endpoint answered 410 Gone (settled with its delivery). */
export const GONE_REASON = "Endpoint returned 410 Gone";
