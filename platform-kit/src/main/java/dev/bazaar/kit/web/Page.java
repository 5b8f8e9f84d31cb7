package dev.bazaar.kit.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, the shape every list endpoint answers (API.md): {@code {"items": [...], "page": 0, "size": 20,
 * "total": 123}}.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page(), request.size(), total);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), page, size, total);
    }
}
