package dev.bazaar.catalog.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The {@code variant} table with its {@code inventory} row (a secondary table, one row per variant). Stock is inserted
 * with the variant and read with it, never updated through Hibernate: on-hand and reserved change only by conditional
 * SQL ({@link ProductRepository#setOnHand}, {@link ReservationStore}, {@link RestockStore}) so that no
 * read-then-write can oversell.
 */
@Entity
@Table(name = "variant")
@SecondaryTable(name = "inventory", pkJoinColumns = @PrimaryKeyJoinColumn(name = "variant_id"))
public class VariantEntity {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id", updatable = false)
    public ProductEntity product;
    /** The product's id, without loading the product. */
    @Column(name = "product_id", insertable = false, updatable = false)
    public UUID productId;

    @Column(name = "shop_id", updatable = false)
    public UUID shopId;

    public String sku;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> options;

    @Column(name = "price_minor")
    public long priceMinor;

    @Column(name = "compare_at_minor")
    public Long compareAtMinor;

    public String currency;

    @Column(name = "weight_grams")
    public int weightGrams;

    public int position;
    /** false: deactivated by its seller (kept for order history, not sold) */
    public boolean active = true;

    @Column(table = "inventory", name = "on_hand", updatable = false)
    public int onHand;

    @Column(table = "inventory", name = "reserved", updatable = false)
    public int reserved;
}
