package dev.bazaar.catalog.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The {@code category} table (V2__categories.sql): read-only here, the tree is shipped by migrations. */
@Entity
@Table(name = "category")
@org.hibernate.annotations.Immutable
public class CategoryEntity {

    @Id
    public UUID id;

    @Column(name = "parent_id")
    public UUID parentId;

    public String slug;
    public String name;
    public String path;

    @Column(name = "commission_rate_bps")
    public int commissionRateBps;

    public int position;
}
