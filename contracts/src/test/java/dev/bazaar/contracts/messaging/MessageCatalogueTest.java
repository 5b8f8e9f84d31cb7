package dev.bazaar.contracts.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MessageCatalogueTest {

    static final Path DOC = Path.of("..", "docs", "messages", "README.md");

    @Test
    void theCatalogueInDocsMatchesTheTypes() throws Exception {
        String rendered = MessageCatalogue.render();
        if (Boolean.getBoolean("bazaar.write-catalogue")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        assertThat(DOC)
                .as("docs/messages/README.md exists (generate it with -Dbazaar.write-catalogue=true)")
                .exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/messages/README.md is stale: run ./mvnw -pl contracts test -Dbazaar.write-catalogue=true")
                .isEqualTo(rendered);
    }

    @Test
    void theCatalogueNamesEveryTopicAndType() {
        String rendered = MessageCatalogue.render();
        for (Topic t : Topic.values()) {
            assertThat(rendered).contains("## `" + t.topicName() + "`", t.dlq());
            t.types().keySet().forEach(type -> assertThat(rendered).contains("### " + type));
        }
    }
}
