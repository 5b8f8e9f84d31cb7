package dev.bazaar.catalog.persistence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.JsonJdbcType;

/**
 * A jsonb column holding a JSON array ({@code product.media}), for Hibernate Reactive: its own JSON type binds and
 * reads JSON objects only (a Vert.x {@code JsonObject}), so an array column fails with it. Values go to and come from
 * the reactive client as Vert.x {@code JsonArray}s; the Java value is (de)serialised by Hibernate's JSON format mapper,
 * as for {@code @JdbcTypeCode(SqlTypes.JSON)}. Use with {@code @JdbcType(JsonArrayJdbcType.class)}.
 */
public class JsonArrayJdbcType extends JsonJdbcType {

    public JsonArrayJdbcType() {
        super(null);
    }

    @Override
    public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
        return new BasicBinder<>(javaType, this) {
            @Override
            protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options)
                    throws SQLException {
                st.setObject(index, new JsonArray(JsonArrayJdbcType.this.toString(value, getJavaType(), options)));
            }

            @Override
            protected void doBind(CallableStatement st, X value, String name, WrapperOptions options)
                    throws SQLException {
                st.setObject(name, new JsonArray(JsonArrayJdbcType.this.toString(value, getJavaType(), options)));
            }
        };
    }

    @Override
    public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
        return new BasicExtractor<>(javaType, this) {
            @Override
            protected X doExtract(ResultSet rs, int index, WrapperOptions options) throws SQLException {
                return fromJson(rs.getObject(index), getJavaType(), options);
            }

            @Override
            protected X doExtract(CallableStatement statement, int index, WrapperOptions options) throws SQLException {
                return fromJson(statement.getObject(index), getJavaType(), options);
            }

            @Override
            protected X doExtract(CallableStatement statement, String name, WrapperOptions options)
                    throws SQLException {
                return fromJson(statement.getObject(name), getJavaType(), options);
            }
        };
    }

    private <X> X fromJson(Object value, JavaType<X> javaType, WrapperOptions options) throws SQLException {
        if (value == null) {
            return null;
        }
        String json = value instanceof JsonArray a
                ? a.encode()
                : value instanceof JsonObject o ? o.encode() : value.toString();
        return fromString(json, javaType, options);
    }
}
