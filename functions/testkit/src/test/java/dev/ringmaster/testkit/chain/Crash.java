package dev.ringmaster.testkit.chain;

/** The process died here: an Error, so no handler of the code under test mistakes it for a failed call. */
final class Crash extends Error {
    Crash(CrashPoint at) {
        super("crashed " + at);
    }
}
