package dev.ringmaster.functions.operate;

/**
 * Who asked, and where that name came from: recorded in the rollout's history with the reason, so an audit
 * tells an identity AWS vouched for from a name someone typed.
 *
 * @param name   the operator recorded in the history
 * @param origin "operator from IAM arn:aws:iam::…", "operator from the event", …
 */
record Caller(String name, String origin) {
}
