package dev.ringmaster.cli;

/** CONTRACTS.md §3 exit codes. */
final class ExitCode {
    static final int OK = 0;
    static final int FAIL = 1;
    static final int BAD_INPUT = 2;
    static final int INCONCLUSIVE = 3;

    private ExitCode() {
    }
}
