package dev.bazaar.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.Component;
import dev.bazaar.devstack.External;
import dev.bazaar.devstack.Profile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reading a delivered message as GreenMail's API hands it out (one char per byte): headers, the plain and HTML bodies
 * through any transfer encoding and charset; and the Quarkus Mailer settings the test resource gives a service.
 */
class MailboxMailTest {

    /** As GreenMail stored a multipart/alternative mail (quoted-printable text, 8-bit UTF-8 HTML), read back from its API. */
    private static final String ALTERNATIVE = latin1("""
            Return-Path: <no-reply@bazaar.test>\r
            Received: from 127.0.0.1 (HELO [127.0.0.1]); Sat Dec 05 04:40:45 UTC 2026\r
            From: Bazaar <no-reply@bazaar.test>\r
            To: alice+x1@bazaar.test\r
            Subject: Commande =?utf-8?b?bsKwIDQyIGV4cMOpZGnDqWU=?=\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative;\r
             boundary="===============7820738123814887501=="\r
            \r
            --===============7820738123814887501==\r
            Content-Type: text/plain; charset="utf-8"\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Bonjour Alice,\r
            votre commande 42 est partie. Prix: 12,50 =E2=82=AC\r
            long line long li=\r
            ne long line=20\r
            \r
            --===============7820738123814887501==\r
            Content-Type: text/html; charset="utf-8"\r
            Content-Transfer-Encoding: 8bit\r
            MIME-Version: 1.0\r
            \r
            <p>Bonjour <b>Alice</b>, commande 42 — 12,50 €</p>\r
            \r
            --===============7820738123814887501==--""");

    @Test
    void headersAreUnfoldedAndDecodedAndBothBodiesRead() {
        Mailbox.Mail mail = new Mailbox.Mail("1", "Commande n° 42 expédiée", ALTERNATIVE);
        assertThat(mail.header("subject")).isEqualTo("Commande n° 42 expédiée");
        assertThat(mail.from()).isEqualTo("Bazaar <no-reply@bazaar.test>");
        assertThat(mail.to()).isEqualTo("alice+x1@bazaar.test");
        assertThat(mail.header("Content-Type"))
                .isEqualTo("multipart/alternative; boundary=\"===============7820738123814887501==\"");
        assertThat(mail.header("X-Missing")).isNull();
        assertThat(mail.text())
                .isEqualTo(
                        "Bonjour Alice,\nvotre commande 42 est partie. Prix: 12,50 €\nlong line long line long line \n");
        assertThat(mail.html()).isEqualTo("<p>Bonjour <b>Alice</b>, commande 42 — 12,50 €</p>\n");
    }

    @Test
    void nestedMultipartsAreWalkedBase64DecodedAndAttachmentsLeftOut() {
        String text = Base64.getMimeEncoder()
                .encodeToString("Ihre Bestellung ist unterwegs: Größe M".getBytes(StandardCharsets.UTF_8));
        String html = Base64.getMimeEncoder().encodeToString("<p>Größe M</p>".getBytes(StandardCharsets.ISO_8859_1));
        String raw = String.join(
                "\r\n",
                "From: =?UTF-8?Q?Caf=C3=A9_Bazaar?= <no-reply@bazaar.test>",
                "To: bob@bazaar.test,",
                "\tsam@bazaar.test",
                "Subject: =?UTF-8?B?R3LDtsOfZQ==?= =?UTF-8?Q?_M?=",
                "Content-Type: multipart/mixed; boundary=outer",
                "",
                "preamble",
                "--outer",
                "Content-Type: multipart/alternative; boundary=\"outer-inner\"",
                "",
                "--outer-inner",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: base64",
                "",
                text,
                "--outer-inner",
                "Content-Type: text/html; charset=ISO-8859-1",
                "Content-Transfer-Encoding: BASE64",
                "",
                html,
                "--outer-inner--",
                "",
                "--outer",
                "Content-Type: text/plain; name=notes.txt",
                "Content-Disposition: attachment; filename=notes.txt",
                "",
                "not the body",
                "--outer--",
                "epilogue");
        Mailbox.Mail mail = new Mailbox.Mail("2", "Größe M", raw);
        assertThat(mail.from()).isEqualTo("Café Bazaar <no-reply@bazaar.test>");
        assertThat(mail.to()).isEqualTo("bob@bazaar.test,\tsam@bazaar.test");
        assertThat(mail.header("Subject")).isEqualTo("Größe M");
        assertThat(mail.text()).isEqualTo("Ihre Bestellung ist unterwegs: Größe M");
        assertThat(mail.html()).isEqualTo("<p>Größe M</p>");
    }

    @Test
    void aSinglePartMailWithoutContentTypeIsPlainText() {
        Mailbox.Mail mail =
                new Mailbox.Mail("3", "hi", "Subject: hi\r\nTo: carol@bazaar.test\r\n\r\nline one\r\nline two\r\n");
        assertThat(mail.text()).isEqualTo("line one\nline two\n");
        assertThat(mail.html()).isEmpty();
        assertThat(mail.to()).isEqualTo("carol@bazaar.test");
    }

    @Test
    void aServiceUnderTestSendsForRealToTheTestProfilesSmtpServer() {
        if (External.isExternal(Component.MAIL)) {
            return;
        }
        Map<String, String> cfg =
                DevstackTestResource.config(Profile.test(Path.of("/repo")), Set.of(Component.MAIL), "postgres");
        assertThat(cfg)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "quarkus.mailer.mock", "false",
                        "quarkus.mailer.host", "localhost",
                        "quarkus.mailer.port", "13025",
                        "quarkus.mailer.start-tls", "DISABLED"));
    }

    /** The UTF-8 text as GreenMail's API gives a message: each byte one char. */
    private static String latin1(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
