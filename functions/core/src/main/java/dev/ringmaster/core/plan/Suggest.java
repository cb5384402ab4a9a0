package dev.ringmaster.core.plan;

import java.util.Collection;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "did you mean …?" for a misspelt key or value: the nearest known word within a third of its length. */
final class Suggest {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggest() {
    }

    static String nearest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = DISTANCE.apply(given.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        return best != null && bestDistance <= allowed ? best : null;
    }

    /** " (did you mean 'soak'?)" or "". */
    static String hint(String given, Collection<String> known) {
        String n = nearest(given, known);
        return n == null ? "" : " (did you mean '" + n + "'?)";
    }
}
