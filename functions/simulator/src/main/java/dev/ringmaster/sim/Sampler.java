package dev.ringmaster.sim;

import java.util.SplittableRandom;

/** Draws the random counts of a simulated tick, fast enough for hundreds of thousands of ticks. */
public final class Sampler {
    private final SplittableRandom random;

    public Sampler(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Binomial(n, p): exact for small n, Poisson for rare events, normal for the rest (errors far below tick noise). */
    public long binomial(long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (n < 40) {
            long x = 0;
            for (long i = 0; i < n; i++) {
                if (random.nextDouble() < p) {
                    x++;
                }
            }
            return x;
        }
        double mean = n * p;
        if (mean < 25) {
            return Math.min(n, poisson(mean));
        }
        long x = Math.round(mean + Math.sqrt(mean * (1 - p)) * gaussian());
        return Math.max(0, Math.min(n, x));
    }

    /**
     * Binomial(n, p) exactly, by inversion of its distribution function: O(n·p) per draw, for the small counts
     * where the Poisson and normal shortcuts of {@link #binomial} would blur what a test must get exactly right.
     */
    public long exactBinomial(long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        double u = random.nextDouble();
        double odds = p / (1 - p);
        double pmf = Math.exp(n * Math.log1p(-p));
        double cdf = pmf;
        long x = 0;
        while (u > cdf && x < n) {
            pmf *= (n - x) / (double) (x + 1) * odds;
            x++;
            cdf += pmf;
        }
        return x;
    }

    public long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    public double gaussian() {
        // Box–Muller; SplittableRandom has no nextGaussian on JDK 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
