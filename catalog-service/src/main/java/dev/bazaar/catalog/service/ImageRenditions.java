package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.ExifOrientation;
import dev.bazaar.catalog.domain.ImageFormat;
import dev.bazaar.catalog.domain.ImageLimits;
import dev.bazaar.catalog.domain.Rendition;
import dev.bazaar.kit.problem.ProblemException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Decodes an upload whose header passed {@link ImageLimits} and re-encodes it as each {@link Rendition}: blocking,
 * CPU-heavy work that {@link ProductMedia} runs on its own worker threads, never on the event loop.
 *
 * <p>Only the pixels go through: the decoder is told to skip metadata and every rendition is written by an encoder
 * given none, so EXIF (a phone's GPS position, the camera's serial), XMP, ICC text and comments of the upload are not
 * in any stored byte. Images with transparency become PNG, the others JPEG.
 */
final class ImageRenditions {

    /** One rendition's encoded bytes, its type, file extension and size in pixels. */
    static final class Encoded {
        private final Rendition rendition;
        private final byte[] bytes;
        private final String contentType;
        private final String extension;
        private final int width;
        private final int height;

        Encoded(Rendition rendition, byte[] bytes, String contentType, String extension, int width, int height) {
            this.rendition = rendition;
            this.bytes = bytes;
            this.contentType = contentType;
            this.extension = extension;
            this.width = width;
            this.height = height;
        }

        Rendition rendition() {
            return rendition;
        }

        /** The encoded bytes themselves (not a copy: they are written to the store once and dropped). */
        byte[] bytes() {
            return bytes;
        }

        String contentType() {
            return contentType;
        }

        String extension() {
            return extension;
        }

        int width() {
            return width;
        }

        int height() {
            return height;
        }
    }

    private ImageRenditions() {}

    static List<Encoded> render(byte[] upload, ImageLimits.Header header, float jpegQuality) {
        BufferedImage decoded = decode(upload, header);
        // a phone's photo is stored as the sensor saw it and tagged with how to turn it; the tag is not kept, the turn
        // is
        BufferedImage source =
                header.format() == ImageFormat.JPEG ? upright(decoded, ExifOrientation.of(upload)) : decoded;
        boolean alpha = source.getColorModel().hasAlpha();
        List<Encoded> out = new ArrayList<>();
        for (Rendition r : Rendition.values()) {
            int[] size = r.fit(source.getWidth(), source.getHeight());
            BufferedImage scaled = scale(source, size[0], size[1], alpha);
            byte[] bytes = alpha ? png(scaled) : jpeg(scaled, jpegQuality);
            out.add(new Encoded(r, bytes, alpha ? "image/png" : "image/jpeg", alpha ? "png" : "jpg", size[0], size[1]));
        }
        return out;
    }

    /**
     * The format's own reader (the one the signature named, not whichever claims the bytes), metadata ignored; the
     * dimensions it reports are held to the header's before it allocates anything.
     */
    private static BufferedImage decode(byte[] upload, ImageLimits.Header header) {
        Iterator<ImageReader> readers =
                ImageIO.getImageReadersByFormatName(header.format().imageIoName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + header.format());
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            // decoders fill what a truncated file lacks with grey and only warn: such an upload is refused
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            if (reader.getWidth(0) != header.width() || reader.getHeight(0) != header.height()) {
                throw unreadable(header, "its dimensions do not match its header");
            }
            BufferedImage image = reader.read(0);
            if (image == null || image.getWidth() != header.width() || image.getHeight() != header.height()) {
                throw unreadable(header, "it decoded to another size than its header says");
            }
            if (warnings.stream().anyMatch(ImageRenditions::truncated)) {
                throw unreadable(header, "it is truncated");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw unreadable(header, "it is damaged or truncated");
        } finally {
            reader.dispose();
        }
    }

    /**
     * The image turned and mirrored as EXIF {@code orientation} (1–8) says it is to be shown; a quarter turn swaps its
     * sides.
     */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation == ExifOrientation.NORMAL) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> t.setTransform(-1, 0, 0, 1, w, 0);
            case 3 -> t.setTransform(-1, 0, 0, -1, w, h);
            case 4 -> t.setTransform(1, 0, 0, -1, 0, h);
            case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> t.setTransform(0, 1, -1, 0, h, 0);
            case 7 -> t.setTransform(0, -1, -1, 0, h, w);
            case 8 -> t.setTransform(0, -1, 1, 0, 0, w);
            default -> {
                return image;
            }
        }
        boolean swap = ExifOrientation.swapsSides(orientation);
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage to = new BufferedImage(
                swap ? h : w, swap ? w : h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = to.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return to;
    }

    /** Downscales by halves (bilinear, each step) and then to the exact size: smooth, without a slow bicubic pass. */
    private static BufferedImage scale(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        while (w / 2 >= width && h / 2 >= height && w / 2 > 0 && h / 2 > 0) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h, alpha);
        }
        // always drawn once more: the result is a plain RGB(A) image whatever the source's colour model
        return draw(current, width, height, alpha);
    }

    private static BufferedImage draw(BufferedImage from, int width, int height, boolean alpha) {
        BufferedImage to =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = to.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(from, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return to;
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            // no stream or image metadata: only the pixels (and JFIF's own header) are written
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no ImageIO PNG writer");
            }
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return bytes.toByteArray();
    }

    private static boolean truncated(String warning) {
        String w = warning.toLowerCase(java.util.Locale.ROOT);
        return w.contains("premature end") || w.contains("truncat") || w.contains("unexpected end");
    }

    private static ProblemException unreadable(ImageLimits.Header header, String why) {
        return new ProblemException.Invalid(
                "file", "could not be read as a " + header.format().name() + " image: " + why);
    }
}
