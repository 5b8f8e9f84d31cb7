package dev.bazaar.contracts.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives on a topic, decoding answers Ok or DeadLetter: it never throws, so no partition is blocked. */
class DecodeNeverThrowsPropertiesTest {

    static final List<byte[]> VALID = MessageCodecTest.SAMPLES.values().stream()
            .map(m -> MessageCodec.encode(Envelope.of(m, 1, Samples.AT, UUID.randomUUID(), null)))
            .toList();

    @Property(tries = 300)
    void arbitraryBytesAreDeadLettered(@ForAll byte[] bytes, @ForAll Topic topic) {
        assertThat(MessageCodec.decode(topic, bytes)).isNotNull();
    }

    @Property(tries = 500)
    void aValidMessageWithOneValueReplacedDecodesOrIsDeadLettered(
            @ForAll("messages") byte[] json,
            @ForAll Topic topic,
            @ForAll("paths") int pick,
            @ForAll("values") JsonNode replacement)
            throws Exception {
        ObjectNode root = (ObjectNode) MessageCodec.json().readTree(json);
        List<Runnable> edits = new ArrayList<>();
        collectEdits(root, replacement, edits);
        edits.get(Math.floorMod(pick, edits.size())).run();
        MessageCodec.Decoded d = MessageCodec.decode(topic, MessageCodec.json().writeValueAsBytes(root));
        assertThat(d).isNotNull();
        if (d instanceof MessageCodec.Decoded.Ok ok) {
            assertThat(ok.envelope().key()).isEqualTo(ok.envelope().aggregateId());
            assertThat(ok.topic().carries(ok.envelope().type())).isTrue();
        }
    }

    /** Every way to replace or remove one value anywhere in the tree. */
    private static void collectEdits(JsonNode node, JsonNode replacement, List<Runnable> edits) {
        if (node instanceof ObjectNode obj) {
            for (String field : iterable(obj)) {
                edits.add(() -> obj.set(field, replacement));
                edits.add(() -> obj.remove(field));
                collectEdits(obj.get(field), replacement, edits);
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                int index = i;
                edits.add(() -> arr.set(index, replacement));
                collectEdits(arr.get(i), replacement, edits);
            }
        }
    }

    private static List<String> iterable(ObjectNode obj) {
        List<String> names = new ArrayList<>();
        obj.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<Integer> paths() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return Arbitraries.of(
                        "null",
                        "0",
                        "-1",
                        "1.5",
                        "\"\"",
                        "\"x\"",
                        "true",
                        "[]",
                        "{}",
                        "[null]",
                        "9223372036854775808",
                        "\"00000000-0000-4000-8000-000000000001\"",
                        "\"2026-13-45T00:00:00Z\"",
                        "{\"amount\":1,\"currency\":\"USD\"}",
                        "\"USD\"")
                .map(s -> {
                    try {
                        return MessageCodec.json().readTree(s);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}
