package dev.bazaar.payment.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Arrays;

/** The stores' one-statement writes: run with these parameters, nothing answered. */
final class Statements {

    private Statements() {}

    static Uni<Void> execute(SqlClient client, String sql, Object... params) {
        return client.preparedQuery(sql)
                .execute(Tuple.from(Arrays.asList(params)))
                .replaceWithVoid();
    }
}
