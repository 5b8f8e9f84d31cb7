package dev.bazaar.kit.consumer;

/**
 * The rule for stores without transactions shared with a processed-ids table (Redis, MongoDB, OpenSearch): an
 * update carries the aggregate version it reflects and is applied only if it is newer than what is stored, in the
 * store's own conditional write — Redis: a Lua script comparing a version field; MongoDB: an upsert filtered on
 * {@code version < incoming}; OpenSearch: {@code version_type=external}. A redelivered or reordered event then
 * changes nothing.
 */
public final class VersionGuard {

    private VersionGuard() {}

    /** True when an update at {@code incoming} should replace what is stored at {@code stored} (null: nothing yet). */
    public static boolean shouldApply(long incoming, Long stored) {
        return stored == null || incoming > stored;
    }
}
