package dev.handoff.classify.openai;

import dev.handoff.classify.Price;
import dev.handoff.classify.llm.UsageText;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the run asked and what it cost: requests, retries, 429s, tokens of the replies asked for
 * now ({@link #asked}), and tokens of every turn's reply whether asked now or taken from the
 * cache ({@link #everyTurn}): the latter is what asking every turn again would cost, which is
 * what editing one criterion's wording does (the system message, and so every key, changes).
 */
final class Accounting {

    final AtomicLong turns = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final Tally asked = new Tally();
    final Tally everyTurn = new Tally();
    private final Set<String> counted = ConcurrentHashMap.newKeySet();
    private final Set<OutputMode> modes = ConcurrentHashMap.newKeySet();

    /** A reply used for a turn (fresh or cached), counted once per key. */
    void used(String key, Usage usage, OutputMode mode) {
        if (counted.add(key)) {
            everyTurn.add(usage);
        }
        if (mode != null) {
            modes.add(mode);
        }
    }

    String modes() {
        if (modes.isEmpty()) {
            return null;
        }
        return modes.stream().sorted().map(m -> m.description).reduce((a, b) -> a + "; " + b).orElse("");
    }

    /** "120 requests, 54,000 prompt tokens (40,000 cached, 74%), 3,000 completion tokens". */
    String usage() {
        return UsageText.usage(requests.get(), asked.prompt.get(), asked.cached.get(), asked.completion.get());
    }

    /** "$0.0123 this run; about $0.0456 to ask every turn again after editing one criterion". */
    String cost(Price price) {
        double run = price.cost(asked.prompt.get(), asked.cached.get(), asked.completion.get());
        double rerun = price.cost(everyTurn.prompt.get(), everyTurn.cached.get(), everyTurn.completion.get());
        return UsageText.cost(run, rerun, counted.size());
    }

    Map<String, String> statistics(Price price, int concurrencyNow, int lowest) {
        Map<String, String> st = new LinkedHashMap<>();
        st.put("turns", Long.toString(turns.get()));
        st.put("requests", Long.toString(requests.get()));
        st.put("retries", Long.toString(retries.get()));
        st.put("rate limited", Long.toString(rateLimited.get()) + (rateLimited.get() > 0
                ? " (concurrency went down to " + lowest + ", now " + concurrencyNow + ")" : ""));
        st.put("invalid", Long.toString(invalid.get()));
        st.put("cache hits", Long.toString(cacheHits.get()));
        st.put("prompt tokens", String.format(Locale.ROOT, "%,d", asked.prompt.get()));
        st.put("cached tokens", String.format(Locale.ROOT, "%,d (%.0f%%)", asked.cached.get(), 100 * asked.cachedShare()));
        st.put("completion tokens", String.format(Locale.ROOT, "%,d", asked.completion.get()));
        if (price != null) {
            st.put("cost", cost(price));
        }
        return st;
    }
}
