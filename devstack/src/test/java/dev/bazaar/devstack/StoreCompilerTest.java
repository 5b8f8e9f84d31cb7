package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which JIT the stores under load run with: C2 where bench/run measures (dev), C1 alone where tests start them. */
class StoreCompilerTest {
    private static final Path REPO = Path.of("/repo");

    @Test
    void theDevProfileCompilesWithC2AndTheOthersStopAtC1() {
        assertThat(Devstack.storeCompiler(Profile.dev(REPO))).isEmpty();
        assertThat(Devstack.storeCompiler(Profile.test(REPO))).containsExactly("-XX:TieredStopAtLevel=1");
    }
}
