package dev.bazaar.catalog.domain;

import dev.bazaar.catalog.domain.Product.Media;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a product says about itself — title, description, category, brand, tags, attributes, images — as opposed to
 * what it costs and how many are left. On a live product this is what an admin vouched for, so a seller's change to it
 * waits for review as a {@link Revision}, while price and stock change at once. The category is part of it: rates of
 * commission are per category, so a seller who could move a live product would choose their own commission.
 */
public record ProductContent(
        String title,
        String description,
        UUID categoryId,
        String brand,
        List<String> tags,
        Map<String, String> attributes,
        List<Media> media) {

    /** The field names, as the API spells them, in the order an admin reads a diff. */
    public static final List<String> FIELDS =
            List.of("title", "description", "categoryId", "brand", "tags", "attributes", "media");

    public ProductContent {
        tags = List.copyOf(tags);
        attributes = Map.copyOf(attributes);
        media = List.copyOf(media);
    }

    public static ProductContent of(Product p) {
        return new ProductContent(
                p.title(), p.description(), p.categoryId(), p.brand(), p.tags(), p.attributes(), p.media());
    }

    /** The product showing this content; status, variants and version stay. */
    public Product applyTo(Product p) {
        return new Product(
                p.id(),
                p.shopId(),
                p.slug(),
                title,
                description,
                categoryId,
                brand,
                tags,
                attributes,
                media,
                p.status(),
                p.statusReason(),
                p.variants(),
                p.createdAt(),
                p.updatedAt(),
                p.version());
    }

    /** The names of the fields that differ from {@code other}, in {@link #FIELDS} order. */
    public List<String> changedFrom(ProductContent other) {
        List<String> changed = new ArrayList<>();
        for (String field : FIELDS) {
            if (!Objects.equals(value(field), other.value(field))) {
                changed.add(field);
            }
        }
        return changed;
    }

    private Object value(String field) {
        return switch (field) {
            case "title" -> title;
            case "description" -> description;
            case "categoryId" -> categoryId;
            case "brand" -> brand;
            case "tags" -> tags;
            case "attributes" -> attributes;
            case "media" -> media;
            default -> throw new IllegalArgumentException(field);
        };
    }
}
