package dev.bazaar.catalog.domain;

import dev.bazaar.kit.problem.ProblemException;

/**
 * What an uploaded image may be, checked on its bytes before anything decodes it: its size, its format (from the
 * signature) and its pixel dimensions read from the format's header. A decoder allocates width × height pixels up
 * front, so a small file declaring 30,000 × 30,000 pixels (a "decompression bomb": a few kilobytes of PNG that inflate
 * to 3.6 GB) is refused here, from the header alone.
 *
 * @param maxBytes  the largest file accepted
 * @param maxSide   the most pixels along either side
 * @param maxPixels the most pixels in all (width × height)
 */
public record ImageLimits(long maxBytes, int maxSide, long maxPixels) {

    /** What the header says: the format and the pixel dimensions a decoder would allocate. */
    public record Header(ImageFormat format, int width, int height) {}

    public ImageLimits {
        if (maxBytes <= 0 || maxSide <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    /** The header of an acceptable image; else 400 on {@code file}, saying which rule it broke. */
    public Header check(byte[] bytes) {
        if (bytes.length == 0) {
            throw refused("is empty");
        }
        if (bytes.length > maxBytes) {
            throw refused("is " + bytes.length + " bytes: at most " + maxBytes + " bytes are accepted");
        }
        ImageFormat format = ImageFormat.sniff(bytes)
                .orElseThrow(() -> refused("is not a JPEG, PNG or WebP image (whatever its name or declared type)"));
        long[] size = switch (format) {
            case JPEG -> jpegSize(bytes);
            case PNG -> pngSize(bytes);
            case WEBP -> webpSize(bytes);
        };
        long width = size[0];
        long height = size[1];
        if (width <= 0 || height <= 0) {
            throw refused("has no pixel dimensions in its " + format.name() + " header");
        }
        if (width > maxSide || height > maxSide || width * height > maxPixels) {
            throw refused("is " + width + " × " + height + " pixels: at most " + maxSide + " pixels a side and "
                    + maxPixels + " pixels in all are accepted");
        }
        return new Header(format, (int) width, (int) height);
    }

    /** Walks the JPEG's segments to its frame header (SOFn), which holds height then width. */
    static long[] jpegSize(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xff) {
                throw refused("is a damaged JPEG (a segment does not start with a marker)");
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2; // markers without a length
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                break; // end of image, or scan data before any frame header
            }
            int length = u16(b, i + 2);
            if (length < 2) {
                throw refused("is a damaged JPEG (a segment of length " + length + ")");
            }
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                if (i + 9 > b.length) {
                    break;
                }
                return new long[] {u16(b, i + 7), u16(b, i + 5)};
            }
            i += 2 + length;
        }
        throw refused("is a JPEG without a frame header");
    }

    /** PNG: the first chunk is IHDR, width and height as 4-byte big-endian numbers at offsets 16 and 20. */
    static long[] pngSize(byte[] b) {
        if (b.length < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw refused("is a PNG without its IHDR header");
        }
        return new long[] {u32(b, 16), u32(b, 20)};
    }

    /** WebP: the first chunk is a lossy (VP8), lossless (VP8L) or extended (VP8X) header, each with its own layout. */
    static long[] webpSize(byte[] b) {
        if (b.length < 30) {
            throw refused("is a WebP too short to hold its header");
        }
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> {
                if ((b[23] & 0xff) != 0x9d || (b[24] & 0xff) != 0x01 || (b[25] & 0xff) != 0x2a) {
                    throw refused("is a lossy WebP without its frame start code");
                }
                yield new long[] {u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff};
            }
            case "VP8L" -> {
                if ((b[20] & 0xff) != 0x2f) {
                    throw refused("is a lossless WebP without its signature");
                }
                long bits = u32le(b, 21);
                yield new long[] {(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1};
            }
            case "VP8X" -> new long[] {u24le(b, 24) + 1, u24le(b, 27) + 1};
            default -> throw refused("is a WebP with an unknown first chunk");
        };
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
    }

    private static long u24le(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8) | ((long) (b[i + 2] & 0xff) << 16);
    }

    private static long u32le(byte[] b, int i) {
        return u24le(b, i) | ((long) (b[i + 3] & 0xff) << 24);
    }

    private static ProblemException refused(String why) {
        return new ProblemException.Invalid("file", why);
    }
}
