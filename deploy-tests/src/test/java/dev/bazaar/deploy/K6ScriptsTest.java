package dev.bazaar.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * k6 cannot be installed on the build machines, so its scripts are type-checked against {@code @types/k6}
 * (TypeScript with checkJs and strict): a wrong option or a misused k6 API fails the build.
 */
class K6ScriptsTest {

    static final Path K6 = Chart.ROOT.resolve("k6");

    @Test
    void everyK6ScriptTypeChecksAgainstTheK6Api() throws Exception {
        if (!Files.exists(K6.resolve("node_modules/typescript"))
                || !Files.exists(K6.resolve("node_modules/@types/k6"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertThat(install.code())
                    .as("npm ci in k6/ (npm registry needed once):\n" + install.output())
                    .isZero();
        }
        Result tsc = run(List.of("node", "node_modules/typescript/bin/tsc", "-p", "tsconfig.json"), 300);
        assertThat(tsc.code()).as("tsc found k6 API misuse:\n" + tsc.output()).isZero();
        try (var scripts = Files.list(K6)) {
            assertThat(scripts.filter(p -> p.toString().endsWith(".js"))
                            .map(p -> p.getFileName().toString()))
                    .contains("browse.js", "cart.js", "checkout.js", "seller.js", "marketplace.js");
        }
    }

    record Result(int code, String output) {}

    static Result run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .directory(K6.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(timed out)");
        }
        return new Result(p.exitValue(), out);
    }
}
