-- Idempotency-Key claims that can be taken over: a process that dies after claiming a key leaves status NULL; past a
-- bounded time (bazaar.idempotency.claim-timeout) a retry takes the claim over under a new claim_id, and only the
-- holder of the current claim may store the answer or forget the key.
ALTER TABLE kit_idempotency_key ADD COLUMN claim_id uuid;
