package dev.bazaar.catalog.domain;

import java.util.Optional;

/**
 * The image formats a seller may upload, told apart by their first bytes — never by the file's name or the type the
 * browser claims, which are whatever the sender says.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String contentType;
    private final String imageIoName;

    ImageFormat(String contentType, String imageIoName) {
        this.contentType = contentType;
        this.imageIoName = imageIoName;
    }

    public String contentType() {
        return contentType;
    }

    /** The format's name for ImageIO's reader lookup. */
    public String imageIoName() {
        return imageIoName;
    }

    /** The format whose signature {@code head} begins with: JPEG's SOI marker, PNG's eight bytes, WebP's RIFF header. */
    public static Optional<ImageFormat> sniff(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, PNG_SIGNATURE, 0)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, new byte[] {'R', 'I', 'F', 'F'}, 0)
                && startsWith(head, new byte[] {'W', 'E', 'B', 'P'}, 8)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        if (bytes.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
