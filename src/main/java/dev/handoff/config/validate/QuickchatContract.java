package dev.handoff.config.validate;

import dev.handoff.config.validate.ContractRule.Check;
import dev.handoff.config.validate.ContractRule.Format;
import dev.handoff.config.validate.Checker.Type;

import java.util.List;

import static dev.handoff.config.validate.Finding.Severity.ERROR;
import static dev.handoff.config.validate.Finding.Severity.WARNING;

/**
 * The Quickchat handoff configuration API as documented (quickchat-handoff-configuration-api):
 * one rule per documented constraint, each with the table row or sentence it comes from.
 * <p>
 * PUT takes back the whole document GET returns ("Modify and PUT back"), so every documented
 * field is required except the server-assigned {@code id}s (left out for new items) and the
 * read-only {@code topic_based_routing_active}. A limit the documentation does not state is at
 * most a warning: the server accepts the value.
 */
final class QuickchatContract {

    private static final String PUT_BACK = "# First, fetch the current configuration ... # Modify and PUT back";
    private static final String SETTINGS_ROW = "settings — Core handoff configuration";

    static final List<ContractRule> RULES = List.of(
            required("", List.of("settings", "availability", "generic_guidelines", "custom_guidelines", "routing_profiles"),
                    "The response contains several nested objects: settings, availability, generic_guidelines, "
                            + "custom_guidelines, routing_profiles. " + PUT_BACK),
            type("settings", Type.MAPPING, SETTINGS_ROW, "[on]"),
            required("settings", List.of("is_active", "keywords", "ai_summary_active", "question_message", "confirmation_message",
                            "confirmation_outside_working_hours_message", "working_hours_active", "timezone",
                            "send_email_notification", "emails"),
                    SETTINGS_ROW + " (every field but the read-only topic_based_routing_active). " + PUT_BACK),
            type("settings.is_active", Type.BOOLEAN, "is_active boolean | Whether human handoff is enabled", "'yes'"),
            type("settings.keywords", Type.LIST, "keywords array of strings | Trigger keywords that prompt a handoff", "agent"),
            type("settings.keywords[]", Type.STRING, "keywords array of strings | Trigger keywords that prompt a handoff", "[x]"),
            type("settings.ai_summary_active", Type.BOOLEAN, "ai_summary_active boolean | Send an AI-generated conversation "
                    + "summary to the human operator when handoff occurs", "1"),
            type("settings.topic_based_routing_active", Type.BOOLEAN, "topic_based_routing_active boolean | Whether "
                    + "topic-based routing to specific operators is enabled (read-only, configured via routing profiles)", "'no'"),
            type("settings.question_message", Type.STRING, "question_message string | Message shown to the visitor asking if "
                    + "they want to be connected to a human", "null"),
            rule("settings.question_message", new Check.MaxLength(500), WARNING, "question_message string | Message shown to "
                    + "the visitor asking if they want to be connected to a human (no limit documented; the other two "
                    + "messages have max 500 chars)", "'" + "x".repeat(501) + "'"),
            type("settings.confirmation_message", Type.STRING, "confirmation_message string | Message shown after the visitor "
                    + "confirms handoff (max 500 chars)", "[a, b]"),
            rule("settings.confirmation_message", new Check.MaxLength(500), ERROR, "confirmation_message string | Message shown "
                    + "after the visitor confirms handoff (max 500 chars)", "'" + "x".repeat(501) + "'"),
            type("settings.confirmation_outside_working_hours_message", Type.STRING, "confirmation_outside_working_hours_message "
                    + "string | Message shown when handoff is requested outside working hours (max 500 chars)", "null"),
            rule("settings.confirmation_outside_working_hours_message", new Check.MaxLength(500), ERROR,
                    "confirmation_outside_working_hours_message string | Message shown when handoff is requested outside "
                            + "working hours (max 500 chars)", "'" + "x".repeat(501) + "'"),
            type("settings.working_hours_active", Type.BOOLEAN, "working_hours_active boolean | Restrict handoff to working "
                    + "hours only", "'true'"),
            type("settings.timezone", Type.STRING, "timezone string | Timezone for working hours (e.g., \"Europe/London\")", "1"),
            rule("settings.timezone", new Check.Matches(Format.TIME_ZONE), ERROR, "timezone string | Timezone for working hours "
                    + "(e.g., \"Europe/London\")", "Mars/Olympus"),
            rule("settings.timezone", new Check.Matches(Format.TIME_ZONE_ABBREVIATION), WARNING, "timezone string | Timezone for "
                    + "working hours (e.g., \"Europe/London\") (a place, as in the example; the server also accepts the "
                    + "database's legacy names)", "EST"),
            type("settings.send_email_notification", Type.BOOLEAN, "send_email_notification boolean | Send email notifications "
                    + "to operators on handoff", "null"),
            type("settings.emails", Type.LIST, "emails array of strings | Email addresses to notify", "support@example.com"),
            type("settings.emails[]", Type.STRING, "emails array of strings | Email addresses to notify", "1"),
            rule("settings.emails[]", new Check.Matches(Format.EMAIL), ERROR, "emails array of strings | Email addresses to notify",
                    "support team"),

            type("availability", Type.LIST, "availability — Working hours schedule (array of slots)", "monday-friday"),
            type("availability[]", Type.MAPPING, "availability — Working hours schedule (array of slots)", "monday"),
            required("availability[]", List.of("day_span", "start_time", "end_time"),
                    "availability — Working hours schedule (array of slots): id, day_span, start_time, end_time. " + PUT_BACK),
            type("availability[].id", Type.INTEGER, "id integer | Availability slot ID", "7.0"),
            rule("availability[].id", new Check.KnownToRemote(), ERROR, "id integer | Availability slot ID", "999999"),
            type("availability[].day_span", Type.STRING, "day_span string | Day or day range (e.g., \"monday\", "
                    + "\"monday-friday\")", "null"),
            rule("availability[].day_span", new Check.Matches(Format.DAY_SPAN), ERROR, "day_span string | Day or day range "
                    + "(e.g., \"monday\", \"monday-friday\")", "Monday-Friday"),
            type("availability[].start_time", Type.STRING, "start_time string | Start time in \"HH:MM\" format", "null"),
            rule("availability[].start_time", new Check.Matches(Format.HH_MM), ERROR, "start_time string | Start time in "
                    + "\"HH:MM\" format", "'9:00'"),
            type("availability[].end_time", Type.STRING, "end_time string | End time in \"HH:MM\" format", "1700"),
            rule("availability[].end_time", new Check.Matches(Format.HH_MM), ERROR, "end_time string | End time in "
                    + "\"HH:MM\" format", "'24:00'"),

            type("generic_guidelines", Type.LIST, "generic_guidelines — Predefined handoff trigger rules (array)", "user_frustration"),
            type("generic_guidelines[]", Type.MAPPING, "generic_guidelines — Predefined handoff trigger rules (array)",
                    "user_frustration"),
            required("generic_guidelines[]", List.of("name", "description", "is_active"),
                    "generic_guidelines — Predefined handoff trigger rules (array): name, description, is_active. " + PUT_BACK),
            type("generic_guidelines[].name", Type.STRING, "name string | Guideline type", "null"),
            rule("generic_guidelines[].name", new Check.Matches(Format.GENERIC_GUIDELINE), ERROR, "name string | Guideline type: "
                    + "\"user_frustration\", \"customer_support_suggestion\", \"lack_of_knowledge\", \"irrelevant_advice\", "
                    + "\"media_message\"", "user_frustation"),
            type("generic_guidelines[].description", Type.STRING, "description string | Description of when this guideline "
                    + "triggers", "null"),
            rule("generic_guidelines[].description", new Check.MaxLength(2000), WARNING, "description string | Description of when "
                    + "this guideline triggers (no limit documented; custom guidelines have max 2000 chars)",
                    "'" + "x".repeat(2001) + "'"),
            type("generic_guidelines[].is_active", Type.BOOLEAN, "is_active boolean | Whether this guideline is enabled", "'on'"),

            type("custom_guidelines", Type.LIST, "custom_guidelines — User-defined handoff trigger rules (array)", "refunds"),
            type("custom_guidelines[]", Type.MAPPING, "custom_guidelines — User-defined handoff trigger rules (array)", "refunds"),
            required("custom_guidelines[]", List.of("name", "description", "is_active"),
                    "custom_guidelines — User-defined handoff trigger rules (array): id, name, description, is_active. " + PUT_BACK),
            type("custom_guidelines[].id", Type.INTEGER, "id integer | Guideline ID", "'12'"),
            rule("custom_guidelines[].id", new Check.KnownToRemote(), ERROR, "id integer | Guideline ID", "999999"),
            type("custom_guidelines[].name", Type.STRING, "name string | Custom guideline name (max 100 chars)", "12345"),
            rule("custom_guidelines[].name", new Check.MaxLength(100), ERROR, "name string | Custom guideline name (max 100 chars)",
                    "'" + "x".repeat(101) + "'"),
            type("custom_guidelines[].description", Type.STRING, "description string | When this guideline should trigger "
                    + "handoff (max 2000 chars)", "[a, list]"),
            rule("custom_guidelines[].description", new Check.MaxLength(2000), ERROR, "description string | When this guideline "
                    + "should trigger handoff (max 2000 chars)", "'" + "x".repeat(2001) + "'"),
            type("custom_guidelines[].is_active", Type.BOOLEAN, "is_active boolean | Whether this guideline is enabled", "null"),

            type("routing_profiles", Type.LIST, "Configure routing profiles via the routing_profiles array in the PUT request.",
                    "Billing"),
            type("routing_profiles[]", Type.MAPPING, "Configure routing profiles via the routing_profiles array in the PUT "
                    + "request.", "Billing"),
            required("routing_profiles[]", List.of("name", "description", "is_active", "user_ids"),
                    "Each routing profile defines a topic, a description of when it applies, and a list of operators who handle "
                            + "that topic. (id, name, description, is_active, user_ids) " + PUT_BACK),
            type("routing_profiles[].id", Type.INTEGER, "id integer | Routing profile ID", "3.5"),
            rule("routing_profiles[].id", new Check.KnownToRemote(), ERROR, "id integer | Routing profile ID", "999999"),
            type("routing_profiles[].name", Type.STRING, "name string | Topic name (e.g., “Billing”, “Technical Support”) "
                    + "(max 100 chars)", "null"),
            rule("routing_profiles[].name", new Check.MaxLength(100), ERROR, "name string | Topic name (e.g., “Billing”, "
                    + "“Technical Support”) (max 100 chars)", "'" + "x".repeat(101) + "'"),
            type("routing_profiles[].description", Type.STRING, "description string | When this profile should match (max 2000 "
                    + "chars)", "true"),
            rule("routing_profiles[].description", new Check.MaxLength(2000), ERROR, "description string | When this profile "
                    + "should match — describe the types of conversations that should route to these operators (max 2000 chars)",
                    "'" + "x".repeat(2001) + "'"),
            type("routing_profiles[].is_active", Type.BOOLEAN, "is_active boolean | Whether this routing profile is enabled",
                    "'true'"),
            type("routing_profiles[].user_ids", Type.LIST, "user_ids array of integers | IDs of operators who should be notified "
                    + "when this profile matches", "null"),
            type("routing_profiles[].user_ids[]", Type.INTEGER, "user_ids array of integers | IDs of operators who should be "
                    + "notified when this profile matches", "21.0"),
            rule("routing_profiles[].user_ids[]", new Check.Matches(Format.POSITIVE), WARNING, "user_ids array of integers | IDs of "
                    + "operators (positivity is not documented)", "0"));

    private QuickchatContract() {
    }

    static ContractRule required(String path, List<String> fields, String source) {
        return new ContractRule(path, new Check.Required(fields), ERROR, source, null);
    }

    static ContractRule type(String path, Type type, String source, String violates) {
        return new ContractRule(path, new Check.OfType(type, false), ERROR, source, violates);
    }

    static ContractRule rule(String path, Check check, Finding.Severity severity, String source, String violates) {
        return new ContractRule(path, check, severity, source, violates);
    }
}
