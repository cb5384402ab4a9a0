package dev.ringmaster.functions.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The rule NativeReflection holds each function module to, shown on handlers written for the purpose. */
class NativeReflectionTest {

    private static Method handler(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).filter(m -> m.getName().equals("handle")).findFirst().orElseThrow();
    }

    private static Set<Class<?>> unregistered(Class<?> function, Set<String> registered) {
        return NativeReflection.unregistered(List.of(handler(function)), registered).keySet();
    }

    @Nested
    class AnUnregisteredClass {
        record Reading(String metric, double value) {
        }

        record Detail(String rolloutId, List<Reading> readings) {
        }

        @RegisterForReflection
        record Envelope(String id, Detail detail) {
        }

        @RegisterForReflection
        record Answer(String rolloutId, Map<String, Optional<Reading>> byMetric) {
        }

        static class Function {
            Answer handle(Envelope event) {
                return null;
            }
        }

        @Test
        void nestedRecordsAndListElements_areEachNamed_withHowTheyAreReached() {
            Map<Class<?>, String> missing = NativeReflection.unregistered(List.of(handler(Function.class)), Set.of());

            assertEquals(Set.of(Detail.class, Reading.class), missing.keySet());
            assertEquals("Function.handle takes it → Envelope.detail", missing.get(Detail.class));
            assertEquals("Function.handle takes it → Envelope.detail → Detail.readings", missing.get(Reading.class));
        }

        @Test
        void aModuleWithOne_failsItsCheck_namingTheClass() {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> NativeReflection.assertRegistered(List.of(handler(Function.class)), Set.of()));

            assertTrue(e.getMessage().contains(Detail.class.getName() + " (Function.handle takes it → Envelope.detail)"), e.getMessage());
            assertTrue(e.getMessage().contains(Reading.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains("@RegisterForReflection"), e.getMessage());
        }
    }

    @Nested
    class ARegisteredClass {
        @RegisterForReflection
        record Inner(String value) {
        }

        record Targeted(String value) {
        }

        record Configured(String value) {
        }

        @RegisterForReflection
        record Holder(Inner inner, Targeted targeted, Configured configured, JsonNode detail, List<Instant> at, int[] counts) {
        }

        static class Function {
            Holder handle(Holder in) {
                return in;
            }
        }

        @RegisterForReflection(targets = Targeted.class)
        record Registrar(Targeted targeted) {
        }

        static class RegistrarFunction {
            void handle(Registrar in) {
            }
        }

        @Test
        void countsWhenAnnotated_targetedOrConfigured_andJdkAndJacksonTypesNeedNothing(@TempDir Path dir) throws IOException {
            Path config = dir.resolve("reflection-config.json");
            Files.writeString(config, "[{\"name\": \"" + Configured.class.getName() + "\", \"allDeclaredFields\": true}]");
            Set<String> registered = new HashSet<>(NativeReflection.configured(config));
            registered.add(Targeted.class.getName());

            assertEquals(Set.of(), unregistered(Function.class, registered));
            assertEquals(Set.of(Targeted.class, Configured.class), unregistered(Function.class, Set.of()));
        }

        @Test
        void anAnnotationWithTargets_registersTheTargets_notTheClassItIsOn() {
            assertEquals(Set.of(Registrar.class), unregistered(RegistrarFunction.class, Set.of(Targeted.class.getName())));
        }
    }
}
