package dev.bazaar.catalog.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.UUID;

/** A node of the category tree. The commission rate is the platform's business, not shown to the public. */
public record Category(
        UUID id,
        String slug,
        String name,
        String path,
        @JsonIgnore int commissionRateBps,
        List<Category> children) {}
