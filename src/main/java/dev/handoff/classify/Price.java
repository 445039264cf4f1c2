package dev.handoff.classify;

import dev.handoff.error.HandoffException;

import java.util.Locale;

/**
 * What a provider charges, in USD per million tokens: {@code IN/OUT}, or {@code IN/OUT/CACHED}
 * where a provider bills cached prompt tokens at a lower rate (without it they cost {@code IN}).
 */
public record Price(double input, double output, double cachedInput) {

    public static Price parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("/");
        if (parts.length < 2 || parts.length > 3) {
            throw invalid(text);
        }
        try {
            double in = Double.parseDouble(parts[0].strip().replace("$", ""));
            double out = Double.parseDouble(parts[1].strip().replace("$", ""));
            double cached = parts.length == 3 ? Double.parseDouble(parts[2].strip().replace("$", "")) : in;
            if (in < 0 || out < 0 || cached < 0 || Double.isNaN(in + out + cached) || Double.isInfinite(in + out + cached)) {
                throw invalid(text);
            }
            return new Price(in, out, cached);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static HandoffException invalid(String text) {
        return HandoffException.usage("--price '" + text + "' is not IN/OUT in USD per million tokens",
                "e.g. --price 0.15/0.60 (input/output), or 0.15/0.60/0.075 with the cached-input rate");
    }

    /** USD for these token counts; cached tokens are part of {@code prompt}. */
    public double cost(long prompt, long cached, long completion) {
        return ((prompt - cached) * input + cached * cachedInput + completion * output) / 1_000_000.0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s/%s%s USD per million tokens", num(input), num(output),
                cachedInput == input ? "" : "/" + num(cachedInput));
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
