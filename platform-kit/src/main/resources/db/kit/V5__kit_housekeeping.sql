-- Housekeeping (#21): processed-message records older than the retention are purged by age.
CREATE INDEX kit_processed_message_at_idx ON kit_processed_message (processed_at);
