package dev.bazaar.catalog;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Real image files for the upload tests, made here: JPEG and PNG drawn and written by ImageIO, a JPEG carrying an EXIF
 * block with a GPS position (as a phone writes it), a lossless WebP written bit by bit (ImageIO has no WebP writer),
 * and a PNG "decompression bomb" whose header declares 30,000 × 30,000 pixels.
 */
final class TestImages {

    /** A string of the EXIF block (its ImageDescription) that no rendition may contain. */
    static final String EXIF_MARKER = "bazaar-test-gps-48.8584N-2.2945E";

    private TestImages() {}

    static BufferedImage drawing(int width, int height, boolean alpha) {
        BufferedImage image =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(200, 40, 40), width, height, new Color(40, 40, 200)));
        g.fillRect(0, 0, width, height);
        g.setColor(alpha ? new Color(255, 255, 255, 0) : Color.WHITE);
        g.setComposite(java.awt.AlphaComposite.Src);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] jpeg(int width, int height) {
        return write(drawing(width, height, false), "jpeg");
    }

    /** A PNG with transparency (a transparent disc in a gradient). */
    static byte[] png(int width, int height) {
        return write(drawing(width, height, true), "png");
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A JPEG with an EXIF APP1 segment right after SOI, as cameras write it: IFD0 with an ImageDescription
     * ({@link #EXIF_MARKER}) and a pointer to a GPS IFD holding latitude 48°51'29.88" N, longitude 2°17'40.20" E.
     */
    static byte[] jpegWithGps(int width, int height) {
        byte[] plain = jpeg(width, height);
        byte[] exif = exif();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xff);
        out.write(0xe1);
        int length = exif.length + 2;
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(exif);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static byte[] exif() {
        byte[] description = (EXIF_MARKER + "\0").getBytes(StandardCharsets.US_ASCII);
        int descriptionAt = 8 + 2 + 2 * 12 + 4;
        int gpsAt = descriptionAt + description.length + (description.length % 2);
        int latitudeAt = gpsAt + 2 + 4 * 12 + 4;
        int longitudeAt = latitudeAt + 24;
        ByteBuffer tiff = ByteBuffer.allocate(longitudeAt + 24).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        // IFD0: ImageDescription, GPSInfo pointer
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010e)
                .putShort((short) 2)
                .putInt(description.length)
                .putInt(descriptionAt);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsAt);
        tiff.putInt(0);
        tiff.put(description);
        tiff.position(gpsAt);
        // GPS IFD: GPSLatitudeRef, GPSLatitude, GPSLongitudeRef, GPSLongitude
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(latitudeAt);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(longitudeAt);
        tiff.putInt(0);
        tiff.putInt(48).putInt(1).putInt(51).putInt(1).putInt(2988).putInt(100);
        tiff.putInt(2).putInt(1).putInt(17).putInt(1).putInt(4020).putInt(100);
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        app1.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        app1.writeBytes(tiff.array());
        return app1.toByteArray();
    }

    /** The markers of a JPEG's segments before its scan data (0xE1 is APP1, where EXIF lives). */
    static List<Integer> jpegMarkers(byte[] b) {
        List<Integer> markers = new ArrayList<>();
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xff) == 0xff) {
            int marker = b[i + 1] & 0xff;
            markers.add(marker);
            if (marker == 0xda) {
                break;
            }
            i += 2 + (((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff));
        }
        return markers;
    }

    /** The chunk types of a PNG, in order (eXIf, tEXt, iTXt, zTXt would carry metadata). */
    static List<String> pngChunks(byte[] b) {
        List<String> chunks = new ArrayList<>();
        int i = 8;
        while (i + 8 <= b.length) {
            int length = ByteBuffer.wrap(b, i, 4).getInt();
            chunks.add(new String(b, i + 4, 4, StandardCharsets.US_ASCII));
            i += 12 + length;
        }
        return chunks;
    }

    /**
     * A PNG declaring {@code width} × {@code height} RGB pixels, with a deflated run of zero rows after it: a few
     * kilobytes on disk, {@code width × height × 3} bytes (2.7 GB at 30,000 × 30,000) once a decoder allocates it.
     */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < 16; i++) { // 16 MB of zero rows: the first ~180 rows of the declared image
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * A lossless WebP (VP8L) of {@code width} × {@code height}: red 80, blue 160, opaque, green a checkerboard of 0 and
     * 255 — written bit by bit: no transforms, no colour cache, one group of "simple" prefix codes (green: two symbols,
     * one bit a pixel; red, blue, alpha and distance: one symbol, no bits).
     */
    static byte[] webp(int width, int height) {
        Bits bits = new Bits();
        bits.put(0x2f, 8);
        bits.put(width - 1, 14);
        bits.put(height - 1, 14);
        bits.put(0, 1); // alpha_is_used
        bits.put(0, 3); // version
        bits.put(0, 1); // no transform
        bits.put(0, 1); // no colour cache
        bits.put(0, 1); // no meta prefix codes
        // green: simple code, two symbols (0 → bit 0, 255 → bit 1), 8-bit symbols
        bits.put(1, 1);
        bits.put(1, 1);
        bits.put(1, 1);
        bits.put(0, 8);
        bits.put(255, 8);
        for (int symbol : new int[] {80, 160, 255, 0}) { // red, blue, alpha, distance: one symbol each
            bits.put(1, 1);
            bits.put(0, 1);
            bits.put(1, 1);
            bits.put(symbol, 8);
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                bits.put(((x / 4 + y / 4) % 2), 1);
            }
        }
        byte[] vp8l = bits.bytes();
        int padded = vp8l.length + (vp8l.length % 2);
        ByteBuffer riff = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(12 + padded)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put("VP8L".getBytes(StandardCharsets.US_ASCII))
                .putInt(vp8l.length)
                .put(vp8l);
        return riff.array();
    }

    /** Bits written least significant first, as VP8L reads them. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void put(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= ((value >> i) & 1) << used;
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] bytes() {
            if (used > 0) {
                out.write(current);
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }
}
