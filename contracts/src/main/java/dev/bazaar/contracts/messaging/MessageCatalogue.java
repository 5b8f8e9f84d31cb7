package dev.bazaar.contracts.messaging;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the readable catalogue of every topic, message and field from the types themselves, so the document in
 * {@code docs/messages/README.md} is generated, and a test fails when it drifts from the code.
 */
public final class MessageCatalogue {

    private MessageCatalogue() {}

    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Bazaar messages\n\n");
        md.append("Generated from `contracts/` by `MessageCatalogue` — do not edit by hand: run\n");
        md.append("`./mvnw -pl contracts test -Dbazaar.write-catalogue=true` after changing a message.\n\n");
        md.append("Every message travels in the envelope `{ id, type, schemaVersion, aggregateId, aggregateVersion, ")
                .append("occurredAt, correlationId, causationId, payload }` (JSON; `traceparent` in a Kafka header). ")
                .append(
                        "`schemaVersion` is the payload schema's version; `aggregateVersion` the aggregate's sequence. ")
                .append("Money is `{amount, currency}` in minor units. Topics have ")
                .append(Topic.PARTITIONS)
                .append(" partitions; a message a consumer cannot read goes to the topic's ")
                .append("`.dlq` with the reason in a header.\n\n");
        md.append("In Java (`contracts`, package `dev.bazaar.contracts.messaging`):\n\n")
                .append("- publish: `Outbox.append(tx, Envelope.of(payload, aggregateVersion, now, correlationId, ")
                .append("causationId))` — or `Envelope.causedBy(command, reply, version, now)` for a reply; ")
                .append("the topic is `Topic.of(payload)`, the key `payload.key()` (= `aggregateId`);\n")
                .append("- consume: `switch (MessageCodec.decode(Topic.ORDER_EVENTS, bytes)) { case Decoded.Ok ok -> ")
                .append("...; case Decoded.DeadLetter dead -> /* send to dead.dlq() with dead.reason() */ }` — ")
                .append("decoding never throws; remember `envelope.id()` for idempotency and apply only a newer ")
                .append("`aggregateVersion`;\n")
                .append("- money: `Money` (minor units, ISO 4217 digits), `allocate(...)` for splits.\n\n")
                .append("Unknown fields are ignored (adding a field is compatible); removing or changing one needs a ")
                .append(
                        "new `schemaVersion`. Invariants (sums, positive quantities, one group per seller) are checked ")
                .append("when a message is built and when it is read: a message breaking one is dead-lettered.\n\n");
        md.append("| topic | producer → consumers | key | messages | dead letters |\n|---|---|---|---|---|\n");
        for (Topic t : Topic.values()) {
            md.append("| `")
                    .append(t.topicName())
                    .append("` | ")
                    .append(t.producer())
                    .append(" → ")
                    .append(t.consumers())
                    .append(" | ")
                    .append(t.keyRule() == Topic.KeyRule.SAGA ? "saga id" : "aggregate id")
                    .append(" | ")
                    .append(String.join(", ", t.types().keySet()))
                    .append(" | `")
                    .append(t.dlq())
                    .append("` |\n");
        }
        Set<Class<?>> valueTypes = new LinkedHashSet<>();
        for (Topic t : Topic.values()) {
            md.append("\n## `").append(t.topicName()).append("`\n\n");
            md.append(t.producer())
                    .append(" → ")
                    .append(t.consumers())
                    .append("; keyed by ")
                    .append(t.keyRule() == Topic.KeyRule.SAGA ? "saga id" : "aggregate id")
                    .append("; unreadable records go to `")
                    .append(t.dlq())
                    .append("`.\n");
            for (var e : t.types().entrySet()) {
                md.append("\n### ").append(e.getKey()).append("\n\n");
                md.append("Key: `").append(Topic.keyField(e.getValue())).append("`\n\n");
                md.append("| field | type |\n|---|---|\n");
                for (RecordComponent c : e.getValue().getRecordComponents()) {
                    md.append("| `")
                            .append(c.getName())
                            .append("` | ")
                            .append(typeName(c.getGenericType(), valueTypes))
                            .append(" |\n");
                }
            }
        }
        md.append("\n## Value types\n");
        List<Class<?>> pending = new ArrayList<>(valueTypes);
        for (int i = 0; i < pending.size(); i++) { // grows as value types name further value types
            Class<?> v = pending.get(i);
            md.append("\n### ").append(v.getSimpleName()).append("\n\n");
            if (v.isEnum()) {
                md.append("One of: ")
                        .append(Arrays.stream(v.getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", ")))
                        .append("\n");
                continue;
            }
            md.append("| field | type |\n|---|---|\n");
            for (RecordComponent c : v.getRecordComponents()) {
                md.append("| `")
                        .append(c.getName())
                        .append("` | ")
                        .append(typeName(c.getGenericType(), valueTypes))
                        .append(" |\n");
            }
            valueTypes.stream().filter(t -> !pending.contains(t)).forEach(pending::add);
        }
        return md.toString();
    }

    private static String typeName(Type type, Set<Class<?>> valueTypes) {
        if (type instanceof ParameterizedType p) {
            String args = Arrays.stream(p.getActualTypeArguments())
                    .map(a -> typeName(a, valueTypes))
                    .collect(Collectors.joining(", "));
            return ((Class<?>) p.getRawType()).getSimpleName() + "&lt;" + args + "&gt;";
        }
        Class<?> c = (Class<?>) type;
        if ((c.isRecord() || c.isEnum()) && c.getName().startsWith("dev.bazaar.contracts.messaging")) {
            valueTypes.add(c);
        }
        return c.getSimpleName();
    }
}
