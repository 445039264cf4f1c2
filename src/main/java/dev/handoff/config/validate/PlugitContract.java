package dev.handoff.config.validate;

import dev.handoff.config.validate.ContractRule.Check;
import dev.handoff.config.validate.ContractRule.Format;
import dev.handoff.config.validate.Checker.Type;

import java.util.List;

import static dev.handoff.config.validate.Finding.Severity.ERROR;

/**
 * The Plugit agent document as documented (plugit-categories-webhook): one rule per documented
 * constraint, each with the sentence it comes from. Only a category's {@code title} is
 * documented as required; the other fields may be left out (or null).
 */
final class PlugitContract {

    private static final String AGENT = "POST https://api.plugit.chat/v2/agents { \"title\": \"Support Bot\", \"prompt\": "
            + "\"Be helpful and concise\", \"version\": \"lg-gpt-4.1-v3\", \"categories\": [ ... ], \"default_language\": \"en\" }";

    static final List<ContractRule> RULES = List.of(
            optional("id", Type.STRING, "PATCH https://api.plugit.chat/v2/agents { \"id\": \"agt_123\", ... }", "123"),
            optional("title", Type.STRING, AGENT, "[Support Bot]"),
            optional("prompt", Type.STRING, AGENT, "[a, b]"),
            optional("version", Type.STRING, AGENT, "[4]"),
            optional("default_language", Type.STRING, AGENT, "[en]"),
            optional("categories", Type.LIST, AGENT, "human_handoff"),
            optional("categories[]", Type.MAPPING, "Category schema fields: title, criteria, webhook.url, webhook.headers, "
                    + "disableAI", "human_handoff"),
            new ContractRule("categories[]", new Check.Required(List.of("title")), ERROR,
                    "title (required): category identifier, e.g. human_handoff.", null),
            new ContractRule("categories[].title", new Check.OfType(Type.STRING, false), ERROR,
                    "title (required): category identifier, e.g. human_handoff.", "null"),
            optional("categories[].criteria", Type.STRING, "criteria (recommended): natural language rule used by AI to classify.",
                    "[a, b]"),
            optional("categories[].webhook", Type.MAPPING, "Create or update your agent with a category and webhook: "
                    + "\"webhook\": { \"url\": ..., \"headers\": { ... } }", "https://example.com/hook"),
            optional("categories[].webhook.url", Type.STRING, "webhook.url (recommended): where we POST classification events.",
                    "[https://example.com]"),
            new ContractRule("categories[].webhook.url", new Check.Matches(Format.HTTP_URL), ERROR,
                    "webhook.url (recommended): where we POST classification events.", "ftp://example.com/hook"),
            optional("categories[].webhook.headers", Type.MAPPING, "webhook.headers (optional): static headers to include.",
                    "x-api-key"),
            optional("categories[].disableAI", Type.BOOLEAN, "disableAI (optional): when true, agent won’t continue answering "
                    + "after classification.", "'true'"));

    private PlugitContract() {
    }

    private static ContractRule optional(String path, Type type, String source, String violates) {
        return new ContractRule(path, new Check.OfType(type, true), ERROR, source, violates);
    }
}
