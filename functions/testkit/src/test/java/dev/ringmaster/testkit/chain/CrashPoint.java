package dev.ringmaster.testkit.chain;

/** Where a process dies between a decision and its recorded outcome (issue 9's crash points, in order). */
enum CrashPoint {
    /** decided, nothing written: the command is given again (a tick decides again) */
    BEFORE_STATE_WRITE,
    /** state and intent written, the event never published */
    AFTER_STATE_WRITE,
    /** published, the step died before it claimed the action */
    AFTER_PUBLISH,
    /** claimed, died before calling the target */
    AFTER_CLAIM,
    /** the target took the call, died before recording it */
    AFTER_ACT,
    /** recorded, died before answering */
    AFTER_OUTCOME
}
