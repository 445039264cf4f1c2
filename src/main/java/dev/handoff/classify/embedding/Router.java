package dev.handoff.classify.embedding;

import java.util.List;

/**
 * Picks the routing profile whose description or example phrases are most similar to the
 * latest user messages; the topic is often said a turn or two before the handoff request.
 */
final class Router {

    record Profile(String name, List<float[]> anchors) {
    }

    private final List<Profile> profiles;
    private final double minSimilarity;

    Router(List<Profile> profiles, double minSimilarity) {
        this.profiles = profiles;
        this.minSimilarity = minSimilarity;
    }

    boolean active() {
        return !profiles.isEmpty();
    }

    /** @param recent vectors of the latest user messages; null when none clears the minimum similarity */
    String route(List<float[]> recent) {
        String best = null;
        double bestSim = minSimilarity;
        for (Profile p : profiles) {
            for (float[] anchor : p.anchors) {
                for (float[] v : recent) {
                    double s = Vectors.dot(anchor, v);
                    if (s > bestSim) {
                        bestSim = s;
                        best = p.name;
                    }
                }
            }
        }
        return best;
    }
}
