package dev.bazaar.kit.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Topic;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every type the message codec reads or writes is registered for reflection, so a native build can (de)serialize it. */
class MessageReflectionTest {

    @Test
    void everyTypeTheCodecBuildsIsRegistered() {
        Set<String> registered = Arrays.stream(MessageReflection.class
                        .getAnnotation(RegisterForReflection.class)
                        .targets())
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(registered)
                .as("MessageReflection's targets: the envelope, every topic's messages and the types " + "they hold")
                .isEqualTo(reachable());
    }

    /** The envelope, every topic's message types, and every contracts type their record components hold. */
    static Set<String> reachable() {
        Set<String> found = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(Envelope.class);
        for (Topic t : Topic.values()) {
            todo.addAll(t.types().values());
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!c.getName().startsWith("dev.bazaar.contracts") || !found.add(c.getName())) {
                continue;
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    add(rc.getGenericType(), todo);
                }
            }
        }
        return found;
    }

    private static void add(Type t, Deque<Class<?>> todo) {
        if (t instanceof Class<?> c) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        } else if (t instanceof ParameterizedType p) {
            add(p.getRawType(), todo);
            for (Type a : p.getActualTypeArguments()) {
                add(a, todo);
            }
        }
    }
}
