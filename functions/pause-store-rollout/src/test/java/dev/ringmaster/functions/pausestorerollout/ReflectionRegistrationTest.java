package dev.ringmaster.functions.pausestorerollout;

import dev.ringmaster.functions.runtime.NativeReflection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The native pause-store-rollout keeps every class of its event and its answer for Jackson (NativeReflection, on the JVM). */
class ReflectionRegistrationTest {
    @Test
    void everyClassTheFunctionReadsOrAnswers_isRegisteredForReflection() {
        NativeReflection.assertRegistered(Path.of("target/classes"));
    }
}
