package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mail server's place in the port table, its GreenMail settings, and resetting it alone. */
class MailComponentTest {
    private static final Path REPO = Path.of("/repo");

    @Test
    void smtpImapAndApiPortsAreGreenMailsInDevAndTenThousandMoreInTest() {
        Profile dev = Profile.dev(REPO);
        Profile test = Profile.test(REPO);
        assertThat(List.of(dev.port(Component.MAIL), dev.secondPort(Component.MAIL), dev.thirdPort(Component.MAIL)))
                .containsExactly(3025, 3143, 3080);
        assertThat(List.of(test.port(Component.MAIL), test.secondPort(Component.MAIL), test.thirdPort(Component.MAIL)))
                .containsExactly(13025, 13143, 13080);
        assertThat(Component.MAIL.secondPortName()).isEqualTo("imap");
        assertThat(Component.MAIL.thirdPortName()).isEqualTo("api");
        for (Component c : Component.values()) {
            if (c != Component.MAIL) {
                assertThat(dev.thirdPort(c)).as(c.id()).isEqualTo(-1);
                assertThat(Component.parse(List.of(c.id()))).containsExactly(c);
            }
        }
        assertThat(Component.parse(List.of("mail"))).containsExactly(Component.MAIL);
        assertThat(Component.parse(List.of())).contains(Component.MAIL);
    }

    @Test
    void noTwoPortsOfTheDevAndTestProfilesMeet() {
        List<Integer> all = new ArrayList<>();
        for (Profile p : List.of(Profile.dev(REPO), Profile.test(REPO))) {
            for (Component c : Component.values()) {
                for (int port : new int[] {p.port(c), p.secondPort(c), p.thirdPort(c)}) {
                    if (port > 0) {
                        all.add(port);
                    }
                }
            }
        }
        assertThat(all)
                .doesNotHaveDuplicates()
                .hasSize(2 * 13)
                .allSatisfy(p -> assertThat(p).isBetween(1024, 65535));
    }

    @Test
    void anIsolatedProfileGivesTheMailServerTheLastThreePortsOfItsBlock() {
        Profile p = Profile.isolated("x", REPO, Path.of("/tmp/x"), 40000);
        assertThat(List.of(p.port(Component.MAIL), p.secondPort(Component.MAIL), p.thirdPort(Component.MAIL)))
                .containsExactly(40009, 40010, 40011);
        List<Integer> all = new ArrayList<>();
        for (Component c : Component.values()) {
            for (int port : new int[] {p.port(c), p.secondPort(c), p.thirdPort(c)}) {
                if (port > 0) {
                    all.add(port);
                }
            }
        }
        assertThat(all)
                .doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isBetween(40000, 40012));
    }

    @Test
    void greenMailListensOnLoopbackOnlyOnTheProfilesPortsAndLetsAnyoneIn() {
        List<String> options = Devstack.mailOptions(Profile.test(REPO));
        assertThat(options)
                .contains(
                        "-Dgreenmail.smtp.hostname=127.0.0.1",
                        "-Dgreenmail.smtp.port=13025",
                        "-Dgreenmail.imap.hostname=127.0.0.1",
                        "-Dgreenmail.imap.port=13143",
                        "-Dgreenmail.api.hostname=127.0.0.1",
                        "-Dgreenmail.api.port=13080",
                        "-Dgreenmail.auth.disabled");
        assertThat(options)
                .filteredOn(o -> o.startsWith("-Dgreenmail.") && o.contains(".hostname="))
                .hasSize(3)
                .allSatisfy(o -> assertThat(o).endsWith("=127.0.0.1"));
        assertThat(options).noneMatch(o -> o.startsWith("-Dgreenmail.users") || o.startsWith("-Dgreenmail.setup"));
    }

    @Test
    void resettingTheMailServerWipesOnlyItsOwnFiles() {
        for (String mine : List.of("mail", "mail.log", "mail.log.1", "mail.pid", "mail.provisioned")) {
            assertThat(Devstack.ownedBy(mine, Component.MAIL)).as(mine).isTrue();
        }
        for (String other : List.of("mongo", "mongo.log", "kafka.pid", "postgres", "mailbox", ".lock")) {
            assertThat(Devstack.ownedBy(other, Component.MAIL)).as(other).isFalse();
        }
        assertThat(Set.of(Component.values()))
                .allSatisfy(
                        c -> assertThat(Devstack.ownedBy(c.id() + ".log", c)).isTrue());
    }

    @Test
    void toolsAndTestsFindTheTestProfilesSmtpAndApi() {
        if (External.isExternal(Component.MAIL) || System.getenv("BAZAAR_MAIL_API") != null) {
            return;
        }
        assertThat(External.smtp(Profile.test(REPO))).isEqualTo("localhost:13025");
        assertThat(External.mailApi(Profile.test(REPO))).isEqualTo("http://localhost:13080");
        assertThat(External.smtp(Profile.dev(REPO))).isEqualTo("localhost:3025");
    }
}
