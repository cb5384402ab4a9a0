package dev.ringmaster.infra;

import software.amazon.awscdk.services.lambda.Runtime;

/** The functions' runtime: GraalVM native on provided.al2023 (the default), or the JVM on java21. */
enum Runtimes {
    NATIVE(Runtime.PROVIDED_AL2023, "native", 256),
    JVM(Runtime.JAVA_21, "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest", 1024);

    final Runtime runtime;
    final String handler;
    final int memoryMb;

    Runtimes(Runtime runtime, String handler, int memoryMb) {
        this.runtime = runtime;
        this.handler = handler;
        this.memoryMb = memoryMb;
    }

    static Runtimes of(String context) {
        if (context == null || context.equals("native")) {
            return NATIVE;
        }
        if (context.equals("jvm")) {
            return JVM;
        }
        throw new IllegalArgumentException("context runtime: '" + context + "' is not native or jvm");
    }
}
