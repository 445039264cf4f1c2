package dev.handoff.transcript;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured criterion names, matched the way a person reads them: a name typed on one
 * system and pasted from another can hold "é" as one character (NFC) or as "e" and a combining
 * accent (NFD, what macOS file names and some copy-paste paths give). Both look the same in
 * every message, so a label is matched after NFC normalisation and then carries the configured
 * spelling, which is what reports show.
 */
public final class CriterionNames {

    private final Map<String, String> configuredByKey = new LinkedHashMap<>();

    private CriterionNames(Collection<String> configured) {
        configured.forEach(name -> configuredByKey.putIfAbsent(key(name), name));
    }

    public static CriterionNames of(Collection<String> configured) {
        return new CriterionNames(configured);
    }

    /** The form two names are compared in. */
    public static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /** The configured spelling of {@code label}, or null when the configuration has no such criterion. */
    public String configured(String label) {
        return configuredByKey.get(key(label));
    }

    /** The configured spelling when there is one, otherwise the label as written. */
    public String spelledAsConfigured(String label) {
        String configured = configured(label);
        return configured == null ? label : configured;
    }
}
