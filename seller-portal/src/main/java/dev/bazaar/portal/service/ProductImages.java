package dev.bazaar.portal.service;

import dev.bazaar.portal.client.CatalogClient.Image;
import dev.bazaar.portal.client.CatalogClient.MediaItem;
import dev.bazaar.portal.client.CatalogClient.Product;
import dev.bazaar.portal.client.CatalogClient.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A product's images as its seller edits them on the product page: which list is being edited, how it is shown, and
 * each change (append an upload, move up or down, remove, new alt text) as the whole new list the catalog is sent.
 * Every change names the image by its place and its URL, so a page shown before someone else's change cannot move or
 * remove the wrong image: it is refused instead, and nothing is sent.
 */
public final class ProductImages {

    /** The catalog keeps at most this many images per product. */
    public static final int MAX_IMAGES = 20;
    /** The catalog's limit for an alt text. */
    public static final int MAX_ALT = 300;

    /** Why a change of a page shown before someone else's change is refused (a 409). */
    public static final String CHANGED_MEANWHILE = "The images changed meanwhile; here they are as they are now.";

    /** One image as the page lists it: its place (from 1), URL, alt text and the picture to show (a thumbnail). */
    public record Shown(int position, String url, String alt, String thumbnail, boolean first, boolean last) {}

    /**
     * The images being edited: {@code pending} when they are the ones waiting for review (the product is live and
     * buyers see the approved ones until an admin decides).
     */
    public record Gallery(List<Shown> items, boolean pending, boolean full) {}

    /** A change: the whole new list to send, or why it was refused (then nothing is sent). */
    public record Change(List<MediaItem> media, String refusal) {
        public boolean ok() {
            return refusal == null;
        }

        static Change refused(String why) {
            return new Change(null, why);
        }
    }

    private ProductImages() {}

    /**
     * The list a change applies to. The catalog applies an edit of a live product on top of the changes already waiting
     * for review, so while a revision is pending its proposed images are the ones edited; otherwise the product's own.
     */
    public static List<Image> editing(Product p, Revision r) {
        if (r != null
                && "PENDING".equals(r.status())
                && r.proposed() != null
                && r.proposed().media() != null) {
            return r.proposed().media();
        }
        return p.media() == null ? List.of() : p.media();
    }

    /** How the page shows them; {@code pending}: the list is the revision's. */
    public static Gallery gallery(List<Image> images, boolean pending) {
        List<Shown> shown = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Image image = images.get(i);
            Map<String, String> renditions = image.renditions() == null ? Map.of() : image.renditions();
            shown.add(new Shown(
                    i + 1,
                    image.url(),
                    image.alt(),
                    renditions.getOrDefault("thumbnail", image.url()),
                    i == 0,
                    i == images.size() - 1));
        }
        return new Gallery(shown, pending, images.size() >= MAX_IMAGES);
    }

    /** What is wrong with an alt text, or null: the catalog requires one (it is what people who cannot see read). */
    public static String altProblem(String alt) {
        if (alt == null || alt.isBlank()) {
            return "Describe the image in a few words (alt text): people who cannot see it read this instead.";
        }
        if (alt.strip().length() > MAX_ALT) {
            return "Alt text is at most " + MAX_ALT + " characters.";
        }
        return null;
    }

    /** Why no further image may be added, or null. Checked before uploading, so a refused upload stores nothing. */
    public static String roomProblem(List<Image> images) {
        return images.size() >= MAX_IMAGES
                ? "A product has at most " + MAX_IMAGES + " images: remove one before adding another."
                : null;
    }

    /** The list with an uploaded image ({@code url}: its full rendition) added last. */
    public static Change appended(List<Image> images, String url, String alt) {
        String problem = altProblem(alt);
        if (problem == null) {
            problem = roomProblem(images);
        }
        if (problem == null && url == null) {
            problem = "The catalog did not say where the image is; try again.";
        }
        if (problem == null && images.stream().anyMatch(i -> url.equals(i.url()))) {
            problem = "This image is already one of the product's.";
        }
        if (problem != null) {
            return Change.refused(problem);
        }
        List<MediaItem> out = items(images);
        out.add(new MediaItem(url, alt.strip()));
        return new Change(out, null);
    }

    /** The list with the image at {@code position} moved one place: {@code by} -1 (up) or +1 (down). */
    public static Change moved(List<Image> images, String position, String url, int by) {
        int i = index(images, position, url);
        if (i < 0) {
            return Change.refused(CHANGED_MEANWHILE);
        }
        int j = i + by;
        if (j < 0 || j >= images.size()) {
            return Change.refused(by < 0 ? "This image is already the first." : "This image is already the last.");
        }
        List<MediaItem> out = items(images);
        out.set(i, out.set(j, out.get(i)));
        return new Change(out, null);
    }

    /** The list without the image at {@code position}. */
    public static Change removed(List<Image> images, String position, String url) {
        int i = index(images, position, url);
        if (i < 0) {
            return Change.refused(CHANGED_MEANWHILE);
        }
        List<MediaItem> out = items(images);
        out.remove(i);
        return new Change(out, null);
    }

    /** The list with the image at {@code position} described by {@code alt}. */
    public static Change relabelled(List<Image> images, String position, String url, String alt) {
        String problem = altProblem(alt);
        if (problem != null) {
            return Change.refused(problem);
        }
        int i = index(images, position, url);
        if (i < 0) {
            return Change.refused(CHANGED_MEANWHILE);
        }
        List<MediaItem> out = items(images);
        out.set(i, new MediaItem(out.get(i).url(), alt.strip()));
        return new Change(out, null);
    }

    /** A file name safe to pass on (letters, digits, dot, dash, underscore), or "image". */
    public static String fileName(String name) {
        if (name == null) {
            return "image";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return base.isBlank() || base.length() > 100 ? "image" : base;
    }

    /** The index of the image at {@code position} (from 1) when it still has {@code url}, else -1. */
    private static int index(List<Image> images, String position, String url) {
        int p;
        try {
            p = Integer.parseInt(position == null ? "" : position.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
        return p >= 1
                        && p <= images.size()
                        && images.get(p - 1).url() != null
                        && images.get(p - 1).url().equals(url)
                ? p - 1
                : -1;
    }

    private static List<MediaItem> items(List<Image> images) {
        List<MediaItem> out = new ArrayList<>();
        for (Image i : images) {
            out.add(new MediaItem(i.url(), i.alt()));
        }
        return out;
    }
}
