package dev.handoff.classify;

import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The classifiers in this build, found with {@link ServiceLoader} (each kind lists its factory
 * in {@code META-INF/services/dev.handoff.classify.ClassifierFactory}), so replay never depends
 * on a particular classifier's code.
 */
public final class Classifiers {

    private Classifiers() {
    }

    public static List<ClassifierFactory> available() {
        List<ClassifierFactory> out = new ArrayList<>();
        ServiceLoader.load(ClassifierFactory.class, Classifiers.class.getClassLoader()).forEach(out::add);
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    public static ClassifierFactory factory(String id) {
        List<ClassifierFactory> all = available();
        for (ClassifierFactory f : all) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        List<String> ids = all.stream().map(ClassifierFactory::id).toList();
        throw HandoffException.usage("no classifier '" + id + "' (available: " + String.join(", ", ids) + ")",
                "pass one of those, e.g. --classifier " + (ids.isEmpty() ? "keywords" : ids.get(0)));
    }
}
