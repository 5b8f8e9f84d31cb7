package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EXIF Orientation read from a JPEG's bytes, in both byte orders; anything damaged is "as stored", never an error. */
class ExifOrientationTest {

    /** SOI, an APP1 EXIF segment whose IFD0 has {@code entries} (tag, type, value), then an empty SOS. */
    static byte[] jpeg(ByteOrder order, int[]... entries) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + entries.length * 12 + 4).order(order);
        tiff.put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M'))
                .put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M'))
                .putShort((short) 42)
                .putInt(8);
        tiff.putShort((short) entries.length);
        for (int[] e : entries) {
            tiff.putShort((short) e[0])
                    .putShort((short) e[1])
                    .putInt(1)
                    .putShort((short) e[2])
                    .putShort((short) 0);
        }
        tiff.putInt(0);
        return wrap(tiff.array());
    }

    static byte[] wrap(byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        // an APP0 (JFIF) first, as most encoders write it
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe0, 0, 4, 'J', 'F'});
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = exif.length + tiff.length + 2;
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(exif);
        out.writeBytes(tiff);
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xda, 0, 2});
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void theOrientationIsReadInEitherByteOrderAfterOtherTags(int orientation) {
        int[] description = {0x010e, 2, 0};
        int[] tag = {0x0112, 3, orientation};
        assertThat(ExifOrientation.of(jpeg(ByteOrder.BIG_ENDIAN, description, tag)))
                .isEqualTo(orientation);
        assertThat(ExifOrientation.of(jpeg(ByteOrder.LITTLE_ENDIAN, tag, description)))
                .isEqualTo(orientation);
    }

    @Test
    void withoutATagOrWithADamagedOneTheImageStaysAsStored() {
        assertThat(ExifOrientation.of(jpeg(ByteOrder.BIG_ENDIAN, new int[] {0x010e, 2, 0})))
                .isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(jpeg(ByteOrder.BIG_ENDIAN, new int[] {0x0112, 3, 9})))
                .as("out of range")
                .isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(jpeg(ByteOrder.BIG_ENDIAN, new int[] {0x0112, 4, 6})))
                .as("not a SHORT")
                .isEqualTo(ExifOrientation.NORMAL);
        byte[] whole = jpeg(ByteOrder.BIG_ENDIAN, new int[] {0x0112, 3, 6});
        for (int cut = 0; cut < whole.length - 4; cut++) {
            // every truncation is read without an exception and without a wrong answer
            assertThat(ExifOrientation.of(Arrays.copyOf(whole, cut))).isIn(ExifOrientation.NORMAL, 6);
        }
        assertThat(ExifOrientation.of(new byte[] {'<', 'h', 't', 'm'})).isEqualTo(ExifOrientation.NORMAL);
        assertThat(ExifOrientation.of(new byte[0])).isEqualTo(ExifOrientation.NORMAL);
    }

    @Test
    void onlyTheQuarterTurnsSwapTheSides() {
        for (int o = 1; o <= 8; o++) {
            assertThat(ExifOrientation.swapsSides(o)).as("orientation " + o).isEqualTo(o >= 5);
        }
    }
}
