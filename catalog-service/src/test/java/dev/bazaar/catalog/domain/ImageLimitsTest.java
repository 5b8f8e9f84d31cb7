package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.kit.problem.ProblemException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Format and pixel dimensions read from the bytes, before any decoder runs. */
class ImageLimitsTest {

    private static final ImageLimits LIMITS = new ImageLimits(10_000_000, 8000, 25_000_000);

    @Test
    void jpegAndPngDimensionsComeFromTheirHeaders() throws IOException {
        assertThat(LIMITS.check(encode(new BufferedImage(321, 123, BufferedImage.TYPE_INT_RGB), "jpeg")))
                .isEqualTo(new ImageLimits.Header(ImageFormat.JPEG, 321, 123));
        assertThat(LIMITS.check(encode(new BufferedImage(7, 4000, BufferedImage.TYPE_INT_ARGB), "png")))
                .isEqualTo(new ImageLimits.Header(ImageFormat.PNG, 7, 4000));
    }

    @Test
    void eachWebpHeaderKindIsRead() {
        byte[] lossy = riff("VP8 ");
        lossy[23] = (byte) 0x9d;
        lossy[24] = 0x01;
        lossy[25] = 0x2a;
        lossy[26] = (byte) (640 & 0xff);
        lossy[27] = (byte) (640 >> 8);
        lossy[28] = (byte) (480 & 0xff);
        lossy[29] = (byte) (480 >> 8);
        assertThat(LIMITS.check(lossy)).isEqualTo(new ImageLimits.Header(ImageFormat.WEBP, 640, 480));

        byte[] lossless = riff("VP8L");
        long bits = (100 - 1) | ((long) (50 - 1) << 14);
        lossless[20] = 0x2f;
        for (int i = 0; i < 4; i++) {
            lossless[21 + i] = (byte) (bits >> (8 * i));
        }
        assertThat(LIMITS.check(lossless)).isEqualTo(new ImageLimits.Header(ImageFormat.WEBP, 100, 50));

        byte[] extended = riff("VP8X");
        int w = 30_000 - 1;
        extended[24] = (byte) w;
        extended[25] = (byte) (w >> 8);
        extended[26] = (byte) (w >> 16);
        extended[27] = (byte) w;
        extended[28] = (byte) (w >> 8);
        extended[29] = (byte) (w >> 16);
        assertThatThrownBy(() -> LIMITS.check(extended))
                .isInstanceOf(ProblemException.Invalid.class)
                .hasFieldOrPropertyWithValue("status", 400);
        assertThat(refusal(extended)).contains("30000 × 30000 pixels");
    }

    @Test
    void tooLargeTooManyPixelsNotAnImageAndEmptyAreRefused() throws IOException {
        assertThat(refusal(new byte[0])).contains("empty");
        assertThat(refusal("<html>".getBytes(StandardCharsets.US_ASCII))).contains("not a JPEG, PNG or WebP");
        byte[] big = encode(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png");
        assertThat(refusal(Arrays.copyOf(big, 10_000_001))).contains("at most 10000000 bytes");
        ImageLimits small = new ImageLimits(10_000_000, 8000, 50);
        assertThat(refusalBy(small, big)).contains("10 × 10 pixels");
        ImageLimits narrow = new ImageLimits(10_000_000, 9, 1000);
        assertThat(refusalBy(narrow, big)).contains("at most 9 pixels a side");
        assertThat(refusal(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9}))
                .contains("JPEG");
    }

    @Test
    void renditionsFitTheirBoxAndNeverEnlarge() {
        assertThat(Rendition.THUMBNAIL.fit(2400, 1800)).containsExactly(200, 150);
        assertThat(Rendition.CARD.fit(1000, 4000)).containsExactly(150, 600);
        assertThat(Rendition.FULL.fit(800, 600)).containsExactly(800, 600);
        assertThat(Rendition.THUMBNAIL.fit(5000, 1)).containsExactly(200, 1);
    }

    private static byte[] riff(String chunk) {
        byte[] b = new byte[40];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        System.arraycopy(chunk.getBytes(StandardCharsets.US_ASCII), 0, b, 12, 4);
        return b;
    }

    private static String refusal(byte[] bytes) {
        return refusalBy(LIMITS, bytes);
    }

    private static String refusalBy(ImageLimits limits, byte[] bytes) {
        try {
            limits.check(bytes);
        } catch (ProblemException.Invalid e) {
            return e.toProblem().violations().get(0).message();
        }
        throw new AssertionError("accepted");
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
