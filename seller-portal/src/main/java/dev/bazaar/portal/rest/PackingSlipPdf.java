package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.OrderClient.Address;
import dev.bazaar.portal.client.OrderClient.Detail;
import dev.bazaar.portal.client.OrderClient.Line;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The packing slip as a PDF (Apache PDFBox), with what the HTML slip ({@code packing-slip.html}) shows and nothing
 * more: the order, the day it was placed, where it goes, and each line's SKU, title, options and quantity with a box to
 * tick — no prices. A4, 15 mm margins, as many pages as the lines need (each page repeats the table's header).
 * <p>
 * Text is set in Liberation Sans, which PDFBox ships, embedded as a subset: Latin, Greek and Cyrillic scripts print as
 * typed. A character the font has no glyph for (CJK, for one) is printed as "?" and the slip then says, above the
 * address, that the HTML slip shows it exactly — never a wrong address without a warning.
 */
final class PackingSlipPdf {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 42.5f; // 15 mm
    private static final float BODY = 10.5f;
    private static final float LEADING = 14.5f;
    /** Columns: the box to tick, SKU, item (title and options), quantity (right-aligned at the right margin). */
    private static final float COL_SKU = MARGIN + 22;

    private static final float COL_ITEM = MARGIN + 150;

    private PackingSlipPdf() {}

    /** The slip's bytes ({@code application/pdf}). */
    static byte[] render(Detail o) {
        try (PDDocument doc = new PDDocument();
                InputStream ttf = PackingSlipPdf.class.getResourceAsStream(FONT)) {
            if (ttf == null) {
                throw new IllegalStateException("PDFBox's Liberation Sans is missing from the class path: " + FONT);
            }
            PDFont font = PDType0Font.load(doc, ttf, true);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Packing slip · order " + shortId(o.orderId()));
            info.setCreator("Bazaar seller portal");
            new Writer(doc, font).slip(o);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the packing slip of order " + o.orderId(), e);
        }
    }

    static String shortId(String orderId) {
        return orderId == null || orderId.length() < 8 ? String.valueOf(orderId) : orderId.substring(0, 8);
    }

    /** The lines of the address as the HTML slip prints them. */
    static List<String> addressLines(Address a) {
        List<String> lines = new ArrayList<>();
        lines.add(a.name());
        lines.add(a.line1());
        if (a.line2() != null && !a.line2().isBlank()) {
            lines.add(a.line2());
        }
        String region = a.region() != null && !a.region().isBlank() ? ", " + a.region() : "";
        lines.add(a.city() + region + " " + a.postalCode());
        lines.add(a.country());
        return lines;
    }

    /** Lays text out top to bottom, opening a new page when the next line would cross the bottom margin. */
    private static final class Writer {

        private final PDDocument doc;
        private final PDFont font;
        private PDPageContentStream page;
        private float y;
        private boolean replaced;

        Writer(PDDocument doc, PDFont font) {
            this.doc = doc;
            this.font = font;
        }

        void slip(Detail o) throws IOException {
            newPage();
            text(MARGIN, 18, "Packing slip");
            y -= 26;
            text(
                    MARGIN,
                    BODY,
                    "Order " + shortId(o.orderId()) + " (" + o.orderId() + ") · placed " + Pages.day(o.placedAt()));
            y -= 2 * LEADING;
            text(MARGIN, 13, "Ship to");
            y -= LEADING + 4;
            List<String> address;
            if (!o.addressAvailable()) {
                address = List.of("Address temporarily unavailable — retry: download this slip again before printing.");
            } else if (o.shippingAddress() == null) {
                address = List.of("No shipping address on this order.");
            } else {
                address = addressLines(o.shippingAddress());
            }
            List<String> printable = address.stream().map(this::printable).toList();
            if (replaced) {
                text(MARGIN, BODY, "Some characters cannot be printed in this PDF (shown as ?): use the HTML slip.");
                y -= LEADING;
            }
            for (String line : printable) {
                text(MARGIN + 8, 12, line);
                y -= LEADING + 1;
            }
            y -= LEADING;
            text(MARGIN, 13, "In this box");
            y -= LEADING + 4;
            header();
            for (Line l : o.lines() == null ? List.<Line>of() : o.lines()) {
                String options = Pages.optionsText(l);
                float height = options.isEmpty() ? LEADING + 6 : 2 * LEADING + 6;
                if (y - height < MARGIN) {
                    newPage();
                    header();
                }
                page.addRect(MARGIN, y - 2, 9, 9);
                page.stroke();
                float itemWidth = right() - width("Quantity", BODY) - 8 - COL_ITEM;
                text(COL_SKU, BODY, fit(String.valueOf(l.sku()), BODY, COL_ITEM - 8 - COL_SKU));
                text(COL_ITEM, BODY, fit(String.valueOf(l.title()), BODY, itemWidth));
                String quantity = String.valueOf(l.quantity());
                text(right() - width(quantity, BODY), BODY, quantity);
                if (!options.isEmpty()) {
                    y -= LEADING;
                    text(COL_ITEM, BODY - 1.5f, fit(options, BODY - 1.5f, itemWidth));
                }
                y -= LEADING + 6;
            }
            page.close();
        }

        private void header() throws IOException {
            text(COL_SKU, BODY, "SKU");
            text(COL_ITEM, BODY, "Item");
            text(right() - width("Quantity", BODY), BODY, "Quantity");
            y -= 5;
            page.moveTo(MARGIN, y);
            page.lineTo(right(), y);
            page.stroke();
            y -= LEADING;
        }

        private void newPage() throws IOException {
            if (page != null) {
                page.close();
            }
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            y = p.getMediaBox().getHeight() - MARGIN - 18;
        }

        private float right() {
            return PDRectangle.A4.getWidth() - MARGIN;
        }

        private void text(float x, float size, String s) throws IOException {
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(printable(s));
            page.endText();
        }

        private float width(String s, float size) throws IOException {
            return font.getStringWidth(printable(s)) / 1000 * size;
        }

        /** {@code s}, cut short with "…" where it would run past {@code max} points (a long title or SKU). */
        private String fit(String s, float size, float max) throws IOException {
            String p = printable(s);
            if (width(p, size) <= max) {
                return p;
            }
            int end = p.length();
            while (end > 1 && width(p.substring(0, end) + "…", size) > max) {
                end = p.offsetByCodePoints(end, -1);
            }
            return p.substring(0, end) + "…";
        }

        /** {@code s} with every character the font cannot show replaced by "?" (and remembered, for the warning). */
        private String printable(String s) {
            StringBuilder out = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> {
                String c = Character.isISOControl(cp) ? " " : Character.toString(cp);
                try {
                    font.encode(c);
                    out.append(c);
                } catch (IOException | IllegalArgumentException e) {
                    replaced = true;
                    out.append('?');
                }
            });
            return out.toString();
        }
    }
}
