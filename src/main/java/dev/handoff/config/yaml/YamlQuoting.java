package dev.handoff.config.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.regex.Pattern;

/**
 * Quotes every string that some YAML reader would take for something else. Jackson's default
 * leaves {@code 18:00} (a YAML 1.1 sexagesimal integer, 1080), {@code 1e3} and {@code 0x1F}
 * (numbers to Jackson itself) and {@code 2025-01-01} (a timestamp) unquoted, so a canonical file
 * would not read back as the same document everywhere. A NEL (U+0085) is a line break to a YAML
 * reader: left in a plain scalar it read back as a space, so such a text is double-quoted, where the
 * emitter writes it as the escape {@code \N}.
 */
final class YamlQuoting extends StringQuotingChecker.Default {

    private static final long serialVersionUID = 1L;

    /** Starts like a number and holds only characters numbers, times and dates are made of. */
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?\\.?[0-9][0-9a-fA-FxXoObB_.:eE+\\-]*|[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)");

    /** Built on first use: its dozen regular expressions are only needed when writing YAML. */
    private static final class Yaml11 {
        static final Resolver RESOLVER = new Resolver();
    }

    @Override
    public boolean needToQuoteName(String name) {
        return super.needToQuoteName(name) || resolvesToNonString(name) || name.indexOf('\u0085') >= 0;
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return super.needToQuoteValue(value) || resolvesToNonString(value) || value.indexOf('\u0085') >= 0;
    }

    /**
     * YAML 1.1's value key and merge key: SnakeYAML 2 reads them as text, PyYAML fails on "=" (no constructor for its tag)
     * and merges at "<<".
     */
    private static final java.util.Set<String> YAML11_KEYS = java.util.Set.of("=", "<<");

    private static boolean resolvesToNonString(String s) {
        return NUMBER_LIKE.matcher(s).matches() || YAML11_KEYS.contains(s)
                || !Tag.STR.equals(Yaml11.RESOLVER.resolve(NodeId.scalar, s, true));
    }
}
