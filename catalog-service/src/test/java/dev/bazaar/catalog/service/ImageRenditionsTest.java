package dev.bazaar.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.catalog.domain.ImageLimits;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A phone's photo stored sideways with an EXIF Orientation is stored upright: the turn the tag asks for is applied to
 * the pixels, since the renditions keep no tag.
 */
class ImageRenditionsTest {

    static final ImageLimits LIMITS = new ImageLimits(10 << 20, 8_000, 25_000_000);

    /** 80 × 40, red on the left half, blue on the right, with EXIF {@code orientation}. */
    static byte[] sideways(int orientation) throws IOException {
        BufferedImage image = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 40);
        g.setColor(Color.BLUE);
        g.fillRect(40, 0, 40, 40);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        byte[] plain = jpeg.toByteArray();
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8).putShort((short) 1);
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        int length = exif.length + tiff.capacity() + 2;
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length});
        out.writeBytes(exif);
        out.writeBytes(tiff.array());
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    static BufferedImage full(byte[] upload) throws IOException {
        List<ImageRenditions.Encoded> out = ImageRenditions.render(upload, LIMITS.check(upload), 0.9f);
        return ImageIO.read(new ByteArrayInputStream(out.getLast().bytes()));
    }

    static boolean reddish(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getBlue() < 80;
    }

    static boolean bluish(int rgb) {
        Color c = new Color(rgb);
        return c.getBlue() > 180 && c.getRed() < 80;
    }

    @Test
    void aQuarterTurnClockwiseStandsTheImageUpWithItsLeftOnTop() throws IOException {
        BufferedImage upright = full(sideways(6));
        assertThat(upright.getWidth()).isEqualTo(40);
        assertThat(upright.getHeight()).isEqualTo(80);
        assertThat(reddish(upright.getRGB(20, 10)))
                .as("the left half is on top")
                .isTrue();
        assertThat(bluish(upright.getRGB(20, 70))).isTrue();
    }

    @Test
    void aQuarterTurnAnticlockwisePutsItsLeftAtTheBottom() throws IOException {
        BufferedImage upright = full(sideways(8));
        assertThat(upright.getWidth()).isEqualTo(40);
        assertThat(upright.getHeight()).isEqualTo(80);
        assertThat(bluish(upright.getRGB(20, 10))).isTrue();
        assertThat(reddish(upright.getRGB(20, 70))).isTrue();
    }

    @Test
    void aHalfTurnAndAMirrorSwapLeftAndRightAndNormalKeepsThem() throws IOException {
        for (int orientation : new int[] {2, 3}) {
            BufferedImage turned = full(sideways(orientation));
            assertThat(turned.getWidth()).isEqualTo(80);
            assertThat(bluish(turned.getRGB(10, 20)))
                    .as("orientation " + orientation)
                    .isTrue();
            assertThat(reddish(turned.getRGB(70, 20))).isTrue();
        }
        BufferedImage normal = full(sideways(1));
        assertThat(reddish(normal.getRGB(10, 20))).isTrue();
        assertThat(bluish(normal.getRGB(70, 20))).isTrue();
    }
}
