package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Revision;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The {@code product_revision} table (V9__product_revision.sql): a product's content as its seller proposes it. */
@Entity
@Table(name = "product_revision")
public class RevisionEntity {

    @Id
    @Column(name = "product_id")
    public UUID productId;

    @Column(name = "shop_id", updatable = false)
    public UUID shopId;

    @Enumerated(EnumType.STRING)
    public Revision.Status status;

    public String title;
    public String description;

    @Column(name = "category_id")
    public UUID categoryId;

    public String brand;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> attributes;
    /** [{url, alt}, …], as the product's own column */
    @org.hibernate.annotations.JdbcType(JsonArrayJdbcType.class)
    public List<Map<String, Object>> media;

    public String reason;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
