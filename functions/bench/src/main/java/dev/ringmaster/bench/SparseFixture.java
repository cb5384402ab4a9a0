package dev.ringmaster.bench;

/**
 * The sparse-data case of spinnaker/spinnaker#6278 ("How to Overcome MannWhitney Judge Shortcomings",
 * https://github.com/spinnaker/spinnaker/issues/6278): a canary of ten values, seven at 100 and three at 1,
 * against a control of ten 1s. Kayenta's MannWhitneyClassifier (confidence 0.98, tolerance 0.25) passes it:
 * 30 of the 100 pairwise differences are 0, so the 98 % interval's lower limit is 0, under the tolerance
 * 0.25·|E| = 24.75. With an eighth value at 100 it is classified High.
 */
public final class SparseFixture {

    private SparseFixture() {
    }

    /** The experiment (canary) values, in the order. */
    public static double[] canary() {
        return new double[] {100, 100, 100, 100, 100, 100, 100, 1, 1, 1};
    }

    /** The control (baseline) values. */
    public static double[] control() {
        return new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    }
}
