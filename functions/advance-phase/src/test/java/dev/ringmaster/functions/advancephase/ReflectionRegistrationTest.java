package dev.ringmaster.functions.advancephase;

import dev.ringmaster.functions.runtime.NativeReflection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The native advance-phase keeps every class of its event and its answer for Jackson (NativeReflection, on the JVM). */
class ReflectionRegistrationTest {
    @Test
    void everyClassTheFunctionReadsOrAnswers_isRegisteredForReflection() {
        NativeReflection.assertRegistered(Path.of("target/classes"));
    }
}
