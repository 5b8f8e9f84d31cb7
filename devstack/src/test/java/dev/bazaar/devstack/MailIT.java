package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.testing.Mailbox;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The mail server alone in a private profile (own state folder, own free ports; the shared test profile is not
 * touched): up, a mail sent over plain SMTP read back through {@link Mailbox} and over IMAP, reuse, reset, down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailIT {
    private static final Set<Component> MAIL = Set.of(Component.MAIL);
    private static final String RECIPIENT =
            "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@bazaar.test";
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    private static Devstack devstack;
    private static Profile profile;
    private static Mailbox mailbox;

    @BeforeAll
    static void isolatedProfile() throws IOException {
        Path repo = Profile.findRepoRoot();
        Path state = repo.resolve(
                "devstack/target/mail-it-" + ProcessHandle.current().pid());
        Files.createDirectories(state);
        profile = Profile.isolated("mail" + ProcessHandle.current().pid(), repo, state, freePortBlock());
        devstack = new Devstack(profile, new PrintStream(OUT, true, StandardCharsets.UTF_8));
        mailbox = Mailbox.at("http://localhost:" + profile.thirdPort(Component.MAIL));
    }

    @AfterAll
    static void stop() {
        if (devstack != null) {
            devstack.down(MAIL);
        }
    }

    private static int freePortBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(40000, 50000);
            boolean free = true;
            for (int p = base; p < base + 13 && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port block");
    }

    @Test
    @Order(1)
    void upStartsGreenMailAnsweringSmtpImapAndItsApi() throws Exception {
        devstack.up(MAIL);
        assertThat(devstack.pid(Component.MAIL)).isPositive();
        assertThat(devstack.status(MAIL))
                .singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo("running"));
        Probes.greeting("localhost", profile.port(Component.MAIL), "220", "QUIT");
        Probes.greeting("localhost", profile.secondPort(Component.MAIL), "* OK", "a1 LOGOUT");
        assertThat(Procs.commandLine(devstack.pid(Component.MAIL)))
                .contains("GreenMailStandaloneRunner", "-Dgreenmail.auth.disabled", profile.marker(Component.MAIL));
        assertThat(mailbox.messages(RECIPIENT)).as("no mail was sent to it yet").isEmpty();
    }

    @Test
    @Order(2)
    void aMailSentOverSmtpIsReadBackFromTheRecipientsMailboxOnly() throws IOException {
        smtp(
                RECIPIENT,
                "Bestellung 42: =?UTF-8?B?dW50ZXJ3ZWdz?=",
                "Ihre Bestellung 42 ist unterwegs.\r\nSumme: 12,50 €");

        List<Mailbox.Mail> mails = mailbox.await(RECIPIENT, 1);
        assertThat(mails).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Bestellung 42: unterwegs");
            assertThat(m.from()).isEqualTo("Bazaar <no-reply@bazaar.test>");
            assertThat(m.to()).isEqualTo(RECIPIENT);
            assertThat(m.text()).isEqualTo("Ihre Bestellung 42 ist unterwegs.\nSumme: 12,50 €");
        });
        assertThat(mailbox.messages("someone-else-" + RECIPIENT)).isEmpty();
        assertThat(mailbox.await(RECIPIENT, m -> m.subject().contains("42"), 1)).hasSize(1);
    }

    @Test
    @Order(3)
    void theRecipientSignsInOverImapWithAnyPasswordAndFindsIt() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", profile.secondPort(Component.MAIL)), 2000);
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK");
            assertThat(imap(in, out, "a1 LOGIN \"" + RECIPIENT + "\" \"any password\""))
                    .last()
                    .asString()
                    .startsWith("a1 OK");
            assertThat(imap(in, out, "a2 SELECT INBOX"))
                    .contains("* 1 EXISTS")
                    .last()
                    .asString()
                    .startsWith("a2 OK");
            imap(in, out, "a3 LOGOUT");
            assertThat(in.readLine()).as("the server hangs up").isNull();
        }
    }

    @Test
    @Order(4)
    void upAgainReusesTheRunningServerAndItsMail() {
        long pid = devstack.pid(Component.MAIL);
        devstack.up(MAIL);
        assertThat(devstack.pid(Component.MAIL)).isEqualTo(pid);
        assertThat(mailbox.messages(RECIPIENT)).hasSize(1);
    }

    @Test
    @Order(5)
    void purgeEmptiesEveryMailbox() throws IOException {
        smtp(RECIPIENT, "second", "two");
        assertThat(mailbox.await(RECIPIENT, 2)).hasSize(2);
        mailbox.purge();
        assertThat(mailbox.messages(RECIPIENT)).isEmpty();
    }

    @Test
    @Order(6)
    void resetOfTheMailServerAloneEmptiesItAndUpStartsItAgain() throws IOException {
        smtp(RECIPIENT, "third", "three");
        assertThat(mailbox.await(RECIPIENT, 1)).hasSize(1);
        long before = devstack.pid(Component.MAIL);

        devstack.reset(MAIL);
        assertThat(devstack.pid(Component.MAIL)).isEqualTo(-1);
        assertThat(profile.stateDir().resolve("mail.log")).doesNotExist();
        assertThat(Procs.canConnect(profile.port(Component.MAIL))).isFalse();

        devstack.up(MAIL);
        assertThat(devstack.pid(Component.MAIL)).isPositive().isNotEqualTo(before);
        assertThat(mailbox.messages(RECIPIENT)).isEmpty();
    }

    @Test
    @Order(7)
    void downLeavesNothingListening() {
        Devstack.Record r = devstack.read(Component.MAIL);
        assertThat(r).isNotNull();
        devstack.down(MAIL);
        assertThat(r.all()).noneMatch(Procs.Pid::alive);
        assertThat(devstack.status(MAIL))
                .singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo("stopped"));
        assertThat(List.of(
                        profile.port(Component.MAIL),
                        profile.secondPort(Component.MAIL),
                        profile.thirdPort(Component.MAIL)))
                .noneMatch(Procs::canConnect);
    }

    /** Sends one mail (8-bit UTF-8 body) over plain SMTP, as Quarkus Mailer does, checking every reply. */
    private static void smtp(String to, String subject, String body) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", profile.port(Component.MAIL)), 2000);
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            expect(in, "220");
            say(out, "EHLO mail-it");
            expect(in, "250");
            say(out, "MAIL FROM:<no-reply@bazaar.test>");
            expect(in, "250");
            say(out, "RCPT TO:<" + to + ">");
            expect(in, "250");
            say(out, "DATA");
            expect(in, "354");
            say(
                    out,
                    String.join(
                            "\r\n",
                            "From: Bazaar <no-reply@bazaar.test>",
                            "To: " + to,
                            "Subject: " + subject,
                            "MIME-Version: 1.0",
                            "Content-Type: text/plain; charset=UTF-8",
                            "Content-Transfer-Encoding: 8bit",
                            "",
                            body,
                            "."));
            expect(in, "250");
            say(out, "QUIT");
            expect(in, "221");
        }
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads a (multi-line) SMTP reply and checks its code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            assertThat(line).as("SMTP reply").isNotNull().startsWith(code);
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    /** Sends a tagged IMAP command; answers every line up to and including the tagged reply. */
    private static List<String> imap(BufferedReader in, OutputStream out, String command) throws IOException {
        say(out, command);
        String tag = command.substring(0, command.indexOf(' ')) + " ";
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            assertThat(line).as("IMAP reply to " + command).isNotNull();
            lines.add(line);
        } while (!line.startsWith(tag));
        return lines;
    }
}
