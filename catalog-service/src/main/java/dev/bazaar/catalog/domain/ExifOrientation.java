package dev.bazaar.catalog.domain;

/**
 * Which way up a JPEG's pixels are meant to be shown: the EXIF Orientation tag (0x0112 in IFD0) that phones write
 * instead of turning the pixels. Renditions carry no metadata, so the turn must be applied to the pixels before the
 * tag is dropped — else a portrait photo taken with the phone upright is stored lying on its side.
 *
 * <p>Read from the bytes by hand, bounded by them: the segments before the image data, the first APP1 that is EXIF,
 * its TIFF header (either byte order) and IFD0's entries. Anything missing, malformed or out of range is
 * {@link #NORMAL}: a damaged tag never refuses an upload, it only leaves the pixels as they are.
 */
public final class ExifOrientation {

    /** Shown as stored. The others: 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed, 6 turned 90° clockwise,
     * 7 transversed, 8 turned 90° anticlockwise. */
    public static final int NORMAL = 1;

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {}

    /** The orientation (1–8) a JPEG's EXIF asks for; {@link #NORMAL} without one. */
    public static int of(byte[] jpeg) {
        if (jpeg.length < 4 || u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != 0xD8) {
            return NORMAL;
        }
        int at = 2;
        while (at + 4 <= jpeg.length && u8(jpeg, at) == 0xFF) {
            int marker = u8(jpeg, at + 1);
            if (marker == 0xDA || marker == 0xD9) {
                // the image data (or its end): no metadata segment comes after it
                return NORMAL;
            }
            int length = (u8(jpeg, at + 2) << 8) | u8(jpeg, at + 3);
            if (length < 2 || at + 2 + length > jpeg.length) {
                return NORMAL;
            }
            if (marker == 0xE1 && length >= 8 && startsWithExif(jpeg, at + 4)) {
                return fromTiff(jpeg, at + 10, at + 2 + length);
            }
            at += 2 + length;
        }
        return NORMAL;
    }

    /** Whether the orientation swaps width and height (the quarter turns). */
    public static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    private static boolean startsWithExif(byte[] b, int at) {
        return b[at] == 'E'
                && b[at + 1] == 'x'
                && b[at + 2] == 'i'
                && b[at + 3] == 'f'
                && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    /** IFD0's orientation in the TIFF structure that starts at {@code tiff} and ends before {@code end}. */
    private static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return NORMAL;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return NORMAL;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return NORMAL;
        }
        int entries = u16(b, (int) (tiff + ifd), little);
        int first = (int) (tiff + ifd + 2);
        for (int i = 0; i < entries; i++) {
            int entry = first + i * 12;
            if (entry + 12 > end) {
                return NORMAL;
            }
            if (u16(b, entry, little) == TAG_ORIENTATION) {
                int value = u16(b, entry + 8, little);
                return u16(b, entry + 2, little) == TYPE_SHORT && value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? u8(b, at) | (u8(b, at + 1) << 8) : (u8(b, at) << 8) | u8(b, at + 1);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little
                ? (u8(b, at) | (u8(b, at + 1) << 8) | (u8(b, at + 2) << 16) | ((long) u8(b, at + 3) << 24))
                : (((long) u8(b, at) << 24) | (u8(b, at + 1) << 16) | (u8(b, at + 2) << 8) | u8(b, at + 3));
    }
}
