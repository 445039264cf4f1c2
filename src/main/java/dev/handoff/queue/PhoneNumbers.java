package dev.handoff.queue;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * E.164 normalisation with libphonenumber. Without a default region only international numbers
 * ("+49 151 ...", "+1 (555) 123-4567") are understood: guessing a country for "0151 2345678"
 * would put an operator in touch with the wrong person, so such numbers stay as sent (and get
 * no WhatsApp link) unless the operator names the region the bot serves.
 *
 * <p>A number is accepted when it is <em>possible</em> (right length for its country), not only
 * when it is <em>valid</em> (an assigned range): assignments change faster than the library, and
 * the seed's own example (+1 555 ...) is a fictional range.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** libphonenumber's "unknown region": only numbers with a leading + parse. */
    private static final String NO_REGION = "ZZ";

    private static final int CACHE_LIMIT = 10_000;

    private final String defaultRegion;
    /** Parsing is costly and the queue renders the same numbers over and over. */
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    /** @param defaultRegion ISO 3166 two-letter region for numbers without a country code, or null */
    public PhoneNumbers(String defaultRegion) {
        if (defaultRegion != null && !isSupportedRegion(defaultRegion)) {
            throw new IllegalArgumentException("unknown region '" + defaultRegion + "'");
        }
        this.defaultRegion = defaultRegion == null ? NO_REGION : defaultRegion.toUpperCase(Locale.ROOT);
    }

    public static boolean isSupportedRegion(String region) {
        return UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /** The number in E.164 ("+15551234567"), or empty when it cannot be understood. */
    public Optional<String> e164(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Optional<String> known = cache.get(raw);
        if (known != null) {
            return known;
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        Optional<String> parsed = parse(raw);
        cache.put(raw, parsed);
        return parsed;
    }

    private Optional<String> parse(String raw) {
        try {
            PhoneNumber number = UTIL.parse(raw, defaultRegion);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** What the queue shows: the E.164 form when there is one, else the value as sent. */
    public String normalise(String raw) {
        return e164(raw).orElse(raw);
    }
}
