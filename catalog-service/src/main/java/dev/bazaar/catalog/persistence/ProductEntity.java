package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.ProductStatus;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The {@code product} table (V3__products.sql) with its variants: the product aggregate as Hibernate maps it. The
 * JSON columns ({@code attributes}, {@code media}) are jsonb, {@code tags} a text[]. {@code version} is Hibernate's
 * version: every update adds one. Variants are written with the product (cascade on persist) and never changed
 * through it; their stock is changed only by conditional SQL (see {@link VariantEntity}).
 */
@Entity
@Table(name = "product")
public class ProductEntity {

    @Id
    public UUID id;

    @Column(name = "shop_id", updatable = false)
    public UUID shopId;

    @Column(updatable = false)
    public String slug;

    public String title;
    public String description;

    @Column(name = "category_id")
    public UUID categoryId;

    public String brand;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> attributes;
    /** [{url, alt}, …]: a JSON array, which Hibernate Reactive's own JSON type cannot bind */
    @org.hibernate.annotations.JdbcType(JsonArrayJdbcType.class)
    public List<Map<String, Object>> media;

    @Enumerated(EnumType.STRING)
    public ProductStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    @OneToMany(mappedBy = "product", cascade = CascadeType.PERSIST)
    @OrderBy("position")
    public List<VariantEntity> variants = new ArrayList<>();
}
