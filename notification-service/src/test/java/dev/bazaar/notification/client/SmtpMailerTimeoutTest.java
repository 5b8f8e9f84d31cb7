package dev.bazaar.notification.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.mailer.Mail;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;

/**
 * The SMTP send's timeout is SmallRye Fault Tolerance's {@code @Timeout} in seconds, and application.properties binds
 * its MicroProfile Config key to {@code bazaar.notifications.send-timeout}: the setting stays the one knob (30 s, 3 s in
 * tests, which SmtpDownTest's retries rely on) and is a number fault tolerance can read.
 */
class SmtpMailerTimeoutTest {

    static final String KEY = SmtpMailer.class.getName() + "/send/Timeout/value";

    @Test
    void theSendIsTimedOutInSeconds() throws NoSuchMethodException {
        Timeout timeout = SmtpMailer.class.getMethod("send", Mail.class).getAnnotation(Timeout.class);
        assertThat(timeout).isNotNull();
        assertThat(timeout.unit()).isEqualTo(ChronoUnit.SECONDS);
        assertThat(timeout.value()).isEqualTo(30);
    }

    @Test
    void itsValueIsTheSendTimeoutSettingInEveryProfile() throws IOException {
        for (String profile : new String[] {"prod", "dev", "test"}) {
            SmallRyeConfig config = config(profile);
            long setting = config.getValue("bazaar.notifications.send-timeout", Long.class);
            assertThat(config.getValue(KEY, Long.class)).as(profile).isEqualTo(setting);
        }
        assertThat(config("prod").getValue(KEY, Long.class)).isEqualTo(30);
        assertThat(config("test").getValue(KEY, Long.class)).isEqualTo(3);
    }

    private static SmallRyeConfig config(String profile) throws IOException {
        URL properties = SmtpMailerTimeoutTest.class.getClassLoader().getResource("application.properties");
        assertThat(properties).isNotNull();
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties))
                .build();
    }
}
