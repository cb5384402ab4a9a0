package dev.ringmaster.functions.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Native-friendliness of a function module, checked on the JVM with plain reflection: every class a {@code @Funq}
 * method takes or returns and, recursively, the classes of their record components and fields (element types of
 * lists, maps, arrays and optionals too) must be kept for Jackson in the native image. A class counts as kept when
 * it is annotated {@code @RegisterForReflection} (without targets: with them, the annotation registers the targets
 * instead), named in the targets or classNames of one in the module, or listed in the module's
 * {@code reflection-config.json}. JDK classes and Jackson's own (JsonNode) are the Jackson extension's. Funqy registers
 * its parameter and result types' hierarchy as far as its index reaches; asking for an explicit registration of each
 * class keeps the native build from depending on what that index holds.
 */
public final class NativeReflection {
    private static final List<String> EXTENSION_PACKAGES = List.of("java.", "javax.", "jdk.", "com.fasterxml.jackson.");

    private NativeReflection() {
    }

    /** Fails naming each class the {@code @Funq} methods of the module compiled into {@code classes} reach unregistered. */
    public static void assertRegistered(Path classes) {
        List<Method> functions = funqyMethods(classes);
        assertFalse(functions.isEmpty(), "no @Funq method in " + classes.toAbsolutePath());
        assertRegistered(functions, registeredIn(classes));
    }

    /** Fails naming each class the functions reach that is neither annotated nor in {@code registered}. */
    public static void assertRegistered(List<Method> functions, Set<String> registered) {
        Map<Class<?>, String> missing = unregistered(functions, registered);
        assertEquals(List.of(), missing.entrySet().stream().map(e -> e.getKey().getName() + " (" + e.getValue() + ")").toList(),
                "not registered for reflection: annotate each @RegisterForReflection (io.quarkus.runtime.annotations)");
    }

    /** The {@code @Funq} methods of the classes compiled into {@code classes} (a module's target/classes). */
    public static List<Method> funqyMethods(Path classes) {
        Class<? extends Annotation> funq = load("io.quarkus.funqy.Funq").asSubclass(Annotation.class);
        return classesIn(classes).stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(funq)).toList();
    }

    /** Class names registered by the module's own annotations' targets and classNames and its reflection-config.json. */
    public static Set<String> registeredIn(Path classes) {
        Set<String> names = new HashSet<>();
        for (Class<?> c : classesIn(classes)) {
            RegisterForReflection r = c.getAnnotation(RegisterForReflection.class);
            if (r != null) {
                Arrays.stream(r.targets()).map(Class::getName).forEach(names::add);
                names.addAll(List.of(r.classNames()));
            }
        }
        Path config = classes.resolve("reflection-config.json");
        if (Files.isRegularFile(config)) {
            names.addAll(configured(config));
        }
        return names;
    }

    /** The names a GraalVM reflection configuration (a JSON array of {"name": …}) lists. */
    public static Set<String> configured(Path config) {
        try {
            Set<String> names = new HashSet<>();
            new ObjectMapper().readTree(config.toFile()).forEach(entry -> names.add(entry.path("name").asText()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config, e);
        }
    }

    /** Each class the methods reach that is neither annotated nor in {@code registered}, with how it is reached. */
    public static Map<Class<?>, String> unregistered(List<Method> functions, Set<String> registered) {
        Map<Class<?>, String> reached = new LinkedHashMap<>();
        for (Method m : functions) {
            String via = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            for (Type p : m.getGenericParameterTypes()) {
                walk(p, via + " takes it", reached);
            }
            walk(m.getGenericReturnType(), via + " returns it", reached);
        }
        reached.keySet().removeIf(c -> annotated(c) || registered.contains(c.getName()));
        return reached;
    }

    private static boolean annotated(Class<?> c) {
        RegisterForReflection r = c.getAnnotation(RegisterForReflection.class);
        return r != null && r.targets().length == 0 && r.classNames().length == 0;
    }

    private static void walk(Type type, String via, Map<Class<?>, String> reached) {
        if (type instanceof ParameterizedType p) {
            walk(p.getRawType(), via, reached);
            for (Type argument : p.getActualTypeArguments()) {
                walk(argument, via, reached);
            }
        } else if (type instanceof GenericArrayType a) {
            walk(a.getGenericComponentType(), via, reached);
        } else if (type instanceof WildcardType w) {
            Arrays.stream(w.getUpperBounds()).forEach(b -> walk(b, via, reached));
        } else if (type instanceof TypeVariable<?> v) {
            Arrays.stream(v.getBounds()).forEach(b -> walk(b, via, reached));
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                walk(c.getComponentType(), via, reached);
            } else if (!c.isPrimitive() && !extensions(c) && reached.putIfAbsent(c, via) == null) {
                for (Map.Entry<String, Type> member : members(c).entrySet()) {
                    walk(member.getValue(), via + " → " + c.getSimpleName() + "." + member.getKey(), reached);
                }
            }
        }
    }

    /** What Jackson reads and writes: a record's components, else the instance fields up the class hierarchy. */
    private static Map<String, Type> members(Class<?> c) {
        Map<String, Type> members = new LinkedHashMap<>();
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                members.put(rc.getName(), rc.getGenericType());
            }
            return members;
        }
        for (Class<?> k = c; k != null && !extensions(k); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()) && !f.isSynthetic()) {
                    members.putIfAbsent(f.getName(), f.getGenericType());
                }
            }
        }
        return members;
    }

    private static boolean extensions(Class<?> c) {
        return EXTENSION_PACKAGES.stream().anyMatch(c.getName()::startsWith);
    }

    private static List<Class<?>> classesIn(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> found = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                found.add(load(name.substring(0, name.length() - ".class".length())));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classes, e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the test classpath", e);
        }
    }
}
