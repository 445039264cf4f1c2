package dev.handoff.config.validate;

import java.util.List;

/**
 * One rule of a provider's API contract, with the sentence of the vendor's documentation it
 * comes from. The tables ({@link QuickchatContract#RULES}, {@link PlugitContract#RULES}) are
 * read by {@code validate} and, unchanged, by the tests and the rule reference, so what is
 * checked, what is tested and what is documented cannot drift apart.
 *
 * @param path     where the rule applies: {@code settings.timezone}; {@code []} stands for every
 *                 item of a list ({@code routing_profiles[].user_ids[]}); empty for the document
 * @param source   the sentence (or table row) of the vendor's documentation the rule comes from
 * @param violates a value that breaks the rule at {@code path} (first list items), as YAML;
 *                 null when the rule is broken by leaving a field out ({@link Check.Required})
 */
record ContractRule(String path, Check check, Finding.Severity severity, String source, String violates) {

    /** What a rule requires of the value at its path. */
    public sealed interface Check {
        /** A short name, part of the rule's id. */
        String name();

        /** The rule in a few words, for the reference page. */
        String describe();

        /** The fields must be present in the mapping at the path (a value may still be wrong). */
        record Required(List<String> fields) implements Check {
            public String name() {
                return "required";
            }

            public String describe() {
                return "has " + String.join(", ", fields);
            }
        }

        /** A present value must be of this type; {@code null} is refused unless {@code nullable}. */
        record OfType(Checker.Type type, boolean nullable) implements Check {
            public String name() {
                return "type";
            }

            public String describe() {
                return "is " + type.description + (nullable ? " or null" : ", not null");
            }
        }

        /** A text of at most {@code max} characters. */
        record MaxLength(int max) implements Check {
            public String name() {
                return "max-length";
            }

            public String describe() {
                return "at most " + max + " characters";
            }
        }

        /** A text in a documented form. */
        record Matches(Format format) implements Check {
            public String name() {
                return format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            }

            public String describe() {
                return Formats.describe(format);
            }
        }

        /** An {@code id} must be one the remote already has (checked by push, which has just read the remote). */
        record KnownToRemote() implements Check {
            public String name() {
                return "known-id";
            }

            public String describe() {
                return "is an id the remote already has";
            }
        }
    }

    /** The forms a text may be documented to take; checked by {@link Formats}. */
    public enum Format {
        TIME_ZONE, TIME_ZONE_ABBREVIATION, DAY_SPAN, HH_MM, GENERIC_GUIDELINE, EMAIL, POSITIVE, HTTP_URL
    }

    /** A stable name for the rule: its path and what it checks, e.g. {@code settings.timezone time-zone}. */
    public String id() {
        return (path.isEmpty() ? "(document)" : path) + " " + check.name();
    }
}
