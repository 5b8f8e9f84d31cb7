package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The S3 API's place in the port table, S3Proxy's settings, and what a test of a service is pointed at. */
class S3ComponentTest {
    private static final Path REPO = Path.of("/repo");

    @Test
    void s3ListensOn9000InDevAndTenThousandMoreInTestAndLastInAnIsolatedBlock() {
        assertThat(Profile.dev(REPO).port(Component.S3)).isEqualTo(9000);
        assertThat(Profile.test(REPO).port(Component.S3)).isEqualTo(19000);
        assertThat(Profile.dev(REPO).secondPort(Component.S3)).isEqualTo(-1);
        assertThat(Profile.isolated("x", REPO, Path.of("/tmp/x"), 40000).port(Component.S3))
                .isEqualTo(40012);
        assertThat(Component.parse(List.of("s3"))).containsExactly(Component.S3);
        assertThat(Component.parse(List.of())).contains(Component.S3);
    }

    @Test
    void s3ProxyServesTheProfilesPortOnLoopbackOverTheDataFolderAndWantsSignedRequests() {
        String conf = Devstack.s3Properties(Profile.test(REPO), Path.of("/tmp/no-such-bazaar-state/s3/data"));
        assertThat(conf.lines().toList())
                .contains(
                        "s3proxy.endpoint=http://127.0.0.1:19000",
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + External.S3_ACCESS_KEY,
                        "s3proxy.credential=" + External.S3_SECRET_KEY,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=/tmp/no-such-bazaar-state/s3/data");
        assertThat(conf).doesNotContain("authorization=none");
    }

    @Test
    void resettingS3WipesOnlyItsOwnFiles() {
        for (String mine : List.of("s3", "s3.log", "s3.pid", "s3.provisioned")) {
            assertThat(Devstack.ownedBy(mine, Component.S3)).as(mine).isTrue();
        }
        for (String other : List.of("mail", "mongo.log", "s3x", ".lock")) {
            assertThat(Devstack.ownedBy(other, Component.S3)).as(other).isFalse();
        }
    }
}
