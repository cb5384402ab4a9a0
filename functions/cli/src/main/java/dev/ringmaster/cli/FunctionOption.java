package dev.ringmaster.cli;

import picocli.CommandLine.Option;

/** Which deployed operate function {@code --aws} invokes. */
final class FunctionOption {
    static final String SETTING = "ringmaster.operate.function";
    static final String DEFAULT = "ringmaster-operate";

    @Option(names = "--function", paramLabel = "NAME",
            description = "with --aws: the operate function's name or ARN (default: RINGMASTER_OPERATE_FUNCTION, else " + DEFAULT + ")")
    String function;

    /** --function, else ringmaster.operate.function or RINGMASTER_OPERATE_FUNCTION, else ringmaster-operate. */
    String name() {
        return function != null && !function.isBlank() ? function.strip() : AwsOptions.setting(SETTING).orElse(DEFAULT);
    }
}
