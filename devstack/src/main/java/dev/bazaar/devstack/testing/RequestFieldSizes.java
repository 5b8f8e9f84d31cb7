package dev.bazaar.devstack.testing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * For each service's {@code RequestFieldSizesTest} (#21): every string a client sends has a length limit — body fields
 * (of nested records too, list elements, map keys and values), query, header, cookie, form and path parameters. A limit
 * is a {@code @Size} with a {@code max}, or a {@code @Pattern} that can only match a bounded length ({@code [A-Z]{3}},
 * not {@code \S+}); every list and map has a {@code @Size} too, and a nested record is only checked when {@code @Valid}
 * reaches it. {@link #scan} reads compiled resource classes, so a new request record or parameter without a limit
 * fails the service's test, by name.
 */
public final class RequestFieldSizes {

    private RequestFieldSizes() {}

    /**
     * The check of a service's test: the scan of {@code anchor}'s package sees the strings named in {@code known} (so it
     * did look), {@code boundedElsewhere} (name → where the limit is enforced) still lack an annotation, and nothing else
     * does. Fails naming every request string, list and map without a limit.
     */
    public static void assertEveryRequestStringIsBounded(
            Class<?> anchor, Map<String, String> boundedElsewhere, String... known) {
        Scan scan = scan(restClasses(anchor));
        List<String> unseen =
                Arrays.stream(known).filter(k -> !scan.strings().contains(k)).toList();
        if (!unseen.isEmpty()) {
            throw new AssertionError("the scan did not see " + unseen + "; it saw " + scan.strings());
        }
        List<String> stale = boundedElsewhere.keySet().stream()
                .filter(k -> !scan.offenders().containsKey(k))
                .toList();
        if (!stale.isEmpty()) {
            throw new AssertionError("listed as bounded elsewhere, but no longer found without a limit: " + stale);
        }
        SortedMap<String, String> unbounded = new TreeMap<>(scan.offenders());
        unbounded.keySet().removeAll(boundedElsewhere.keySet());
        if (!unbounded.isEmpty()) {
            throw new AssertionError("request strings, lists and maps without a limit: " + unbounded);
        }
    }

    /** Every request string seen (by name), and those without a limit (name → why). */
    public record Scan(Set<String> strings, SortedMap<String, String> offenders) {}

    /** The compiled classes of {@code anchor}'s package (main classes only: not this test's fixtures). */
    public static List<Class<?>> restClasses(Class<?> anchor) {
        String pkg = anchor.getPackageName();
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(anchor.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .resolve(pkg.replace('.', '/'));
            List<Class<?>> classes = new ArrayList<>();
            try (Stream<java.nio.file.Path> files = Files.list(dir)) {
                for (java.nio.file.Path f : files.sorted().toList()) {
                    String file = f.getFileName().toString();
                    if (file.endsWith(".class") && !file.startsWith("package-info")) {
                        classes.add(Class.forName(
                                pkg + "." + file.substring(0, file.length() - 6), false, anchor.getClassLoader()));
                    }
                }
            }
            return classes;
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the classes of " + pkg, e);
        }
    }

    public static Scan scan(Collection<Class<?>> classes) {
        Scanner s = new Scanner();
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isSynthetic() && !m.isBridge() && isResourceMethod(m)) {
                    s.method(m);
                }
            }
        }
        return new Scan(s.strings, s.offenders);
    }

    static boolean isResourceMethod(Method m) {
        return m.isAnnotationPresent(Path.class)
                || Arrays.stream(m.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    private static final class Scanner {

        final Set<String> strings = new TreeSet<>();
        final SortedMap<String, String> offenders = new TreeMap<>();
        private final Set<String> walked = new HashSet<>();

        void method(Method m) {
            String owner = name(m.getDeclaringClass()) + "." + m.getName();
            for (Parameter p : m.getParameters()) {
                if (p.isAnnotationPresent(Context.class) || p.isAnnotationPresent(Suspended.class)) {
                    continue;
                }
                String source = source(p.getAnnotations());
                if (source != null) {
                    check(p.getAnnotatedType(), p.getAnnotations(), owner + "(" + source + ")", true, false);
                } else if (p.isAnnotationPresent(BeanParam.class)) {
                    beanParam(p.getType(), p.isAnnotationPresent(Valid.class));
                } else {
                    check(p.getAnnotatedType(), p.getAnnotations(), owner + "(body)", true, false);
                }
            }
        }

        /** {@code @QueryParam q}, {@code @HeaderParam Idempotency-Key}…; null for a body or a {@code @BeanParam}. */
        private static String source(Annotation[] annotations) {
            for (Annotation a : annotations) {
                String value = switch (a) {
                    case QueryParam q -> q.value();
                    case HeaderParam h -> h.value();
                    case PathParam p -> p.value();
                    case CookieParam c -> c.value();
                    case FormParam f -> f.value();
                    case MatrixParam x -> x.value();
                    default -> null;
                };
                if (value != null) {
                    return "@" + a.annotationType().getSimpleName() + " " + value;
                }
            }
            return null;
        }

        private void beanParam(Class<?> type, boolean validated) {
            for (Field f : fields(type)) {
                String source = source(f.getAnnotations());
                if (source != null) {
                    check(f.getAnnotatedType(), f.getAnnotations(), name(type) + "." + f.getName(), validated, false);
                }
            }
        }

        /**
         * One value the client sends: {@code validated}, its enclosing object is validated; {@code cascaded}, a
         * {@code @Valid} on its container reaches it.
         */
        private void check(AnnotatedType at, Annotation[] declared, String name, boolean validated, boolean cascaded) {
            List<Annotation> annotations = new ArrayList<>(Arrays.asList(declared));
            annotations.addAll(Arrays.asList(at.getAnnotations()));
            Class<?> raw = raw(at.getType());
            if (raw == String.class) {
                strings.add(name);
                limit(name, annotations.stream().anyMatch(Scanner::boundsLength), validated, "no length limit");
            } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
                limit(name, annotations.stream().anyMatch(Scanner::boundsSize), validated, "no size limit");
                AnnotatedType element =
                        raw.isArray() ? ((AnnotatedArrayType) at).getAnnotatedGenericComponentType() : argument(at, 0);
                if (element != null) {
                    check(element, new Annotation[0], name + "[]", validated, has(annotations, Valid.class));
                }
            } else if (Map.class.isAssignableFrom(raw)) {
                limit(name, annotations.stream().anyMatch(Scanner::boundsSize), validated, "no size limit");
                AnnotatedType key = argument(at, 0);
                AnnotatedType value = argument(at, 1);
                if (key != null) {
                    check(key, new Annotation[0], name + "<key>", validated, false);
                    check(value, new Annotation[0], name + "<value>", validated, has(annotations, Valid.class));
                }
            } else if (raw.getName().startsWith("dev.bazaar.") && !raw.isEnum() && !raw.isInterface()) {
                walk(raw, validated && (cascaded || has(annotations, Valid.class)));
            }
        }

        private void limit(String name, boolean bounded, boolean validated, String missing) {
            if (!bounded) {
                offenders.merge(name, missing, (a, b) -> a);
            } else if (!validated) {
                offenders.merge(name, "never validated: no @Valid on the way to it", (a, b) -> a);
            }
        }

        /** The fields of a request object (a record's components, a class's instance fields). */
        private void walk(Class<?> type, boolean validated) {
            if (!walked.add(type.getName() + "/" + validated)) {
                return;
            }
            for (Field f : fields(type)) {
                check(f.getAnnotatedType(), f.getAnnotations(), name(type) + "." + f.getName(), validated, false);
            }
        }

        private static List<Field> fields(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    try {
                        fields.add(type.getDeclaredField(c.getName()));
                    } catch (NoSuchFieldException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return fields;
            }
            for (Class<?> c = type; c != null && c.getName().startsWith("dev.bazaar."); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())
                            && !Modifier.isTransient(f.getModifiers())
                            && !f.isSynthetic()) {
                        fields.add(f);
                    }
                }
            }
            return fields;
        }

        /** A {@code @Size} with a max, or a {@code @Pattern} without {@code *}, {@code +} or {@code {n,}}. */
        private static boolean boundsLength(Annotation a) {
            return boundsSize(a) || a instanceof Pattern p && !p.regexp().matches("(?s).*([*+]|\\{\\d+,}).*");
        }

        private static boolean boundsSize(Annotation a) {
            return a instanceof Size s && s.max() < Integer.MAX_VALUE;
        }

        private static boolean has(List<Annotation> annotations, Class<? extends Annotation> type) {
            return annotations.stream().anyMatch(type::isInstance);
        }

        private static AnnotatedType argument(AnnotatedType at, int i) {
            return at instanceof AnnotatedParameterizedType p && p.getAnnotatedActualTypeArguments().length > i
                    ? p.getAnnotatedActualTypeArguments()[i]
                    : null;
        }

        private static Class<?> raw(Type t) {
            if (t instanceof Class<?> c) {
                return c;
            }
            if (t instanceof ParameterizedType p) {
                return raw(p.getRawType());
            }
            return Object.class;
        }

        /** {@code CheckoutResource.AddressRequest}: the class name without its package. */
        private static String name(Class<?> c) {
            String n = c.getName();
            return n.substring(n.lastIndexOf('.') + 1).replace('$', '.');
        }
    }
}
