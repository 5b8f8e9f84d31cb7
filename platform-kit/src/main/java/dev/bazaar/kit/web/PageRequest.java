package dev.bazaar.kit.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The {@code ?page=0&size=20} query parameters of every list endpoint; use as {@code @Valid @BeanParam PageRequest}.
 * Size is capped at 100 so no client can ask the store for an unbounded page.
 */
public class PageRequest {

    public static final int MAX_SIZE = 100;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(value = 1, message = "must be between 1 and 100")
    @Max(value = MAX_SIZE, message = "must be between 1 and 100")
    int size;

    public PageRequest() {
        this(0, 20);
    }

    public PageRequest(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    /** Rows to skip in the store. */
    public long offset() {
        return (long) page * size;
    }
}
