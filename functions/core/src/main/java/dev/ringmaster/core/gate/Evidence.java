package dev.ringmaster.core.gate;

/**
 * Why a verdict is what it is, in figures a release engineer can check.
 *
 * @param criterion     "crash_rate ≤ 0.005"
 * @param estimate      point estimate (rate, value, ratio to baseline for relative bounds), NaN when no data
 * @param lower         always-valid lower confidence bound of the same quantity, NaN when unknown
 * @param upper         always-valid upper confidence bound, NaN when unknown
 * @param bound         the bound in the same units as the estimate
 * @param sampleSize    trials (rate), values (gauge), minutes (count), reports (check) behind the estimate
 * @param confidence    1 − α of the interval and of the FAIL test
 * @param method        the statistic used ("mixture SPRT, Bernoulli")
 * @param reason        one human sentence: "lower bound 0.0071 > 0.005 after 18,000 sessions"
 * @param samplesNeeded for INCONCLUSIVE: about how many more trials/values/minutes would decide, or -1
 */
public record Evidence(String criterion, double estimate, double lower, double upper, double bound, long sampleSize,
                       double confidence, String method, String reason, long samplesNeeded) {
}
