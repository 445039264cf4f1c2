package dev.handoff.classify.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.TurnRequest;
import dev.handoff.config.Criterion;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.RoutingProfile;
import dev.handoff.transcript.Message;

import java.util.List;

/**
 * What an LLM classifier asks for one user turn, whatever the server: a system message carrying
 * every criterion that can fire and every routing profile, then a user message with the
 * conversation up to the turn, and the JSON schema the reply must follow. The criteria and
 * profiles are fixed per configuration; only the conversation varies, and it comes last so a
 * server with prefix caching reuses everything before it from one turn to the next.
 */
public final class ConversationPrompt {

    /**
     * Bump when the wording below changes, so cached replies to the old wording are not reused.
     * The value still says "ollama" because Ollama's reply-cache keys include it: renaming it
     * would make every cached Ollama reply a miss.
     */
    public static final String VERSION = "handoff-ollama-prompt-1";

    public static final String CRITERIA = "criteria";
    public static final String ROUTE = "routing_profile";
    public static final String RATIONALE = "rationale";

    private final List<String> criterionNames;
    private final List<String> profileNames;
    private final String system;
    private final ObjectNode schema;

    public ConversationPrompt(List<Criterion> criteria, List<RoutingProfile> profiles) {
        this.criterionNames = criteria.stream().map(Criterion::name).toList();
        this.profileNames = profiles.stream().map(RoutingProfile::name).toList();
        this.system = systemPrompt(criteria, profiles);
        this.schema = schema(criterionNames, profileNames);
    }

    /**
     * The prompt an LLM classifier uses for a configuration: its active criteria that are not
     * deterministic rules (replay applies those itself) and its active routing profiles.
     */
    public static ConversationPrompt of(HandoffConfig config) {
        return new ConversationPrompt(askedCriteria(config), config.activeRoutingProfiles());
    }

    /** The criteria an LLM is asked about: active ones that are not deterministic rules. */
    public static List<Criterion> askedCriteria(HandoffConfig config) {
        return config.activeCriteria().stream().filter(c -> !c.deterministic()).toList();
    }

    public List<String> criterionNames() {
        return criterionNames;
    }

    public List<String> profileNames() {
        return profileNames;
    }

    /** The stable part: instructions, criteria, profiles and the reply's fields. */
    public String system() {
        return system;
    }

    /** The reply's JSON schema (Ollama's {@code format}, OpenAI's {@code response_format}); a copy. */
    public ObjectNode schema() {
        return schema.deepCopy();
    }

    /**
     * The exact messages sent for a turn, system first and conversation last; their
     * {@link PromptMessages#key()} identifies the question whatever server answers it.
     */
    public PromptMessages messages(TurnRequest turn) {
        return messages(turn.prefix());
    }

    public PromptMessages messages(List<Message> prefix) {
        return new PromptMessages(List.of(PromptMessage.system(system), PromptMessage.user(conversation(prefix))));
    }

    private static String systemPrompt(List<Criterion> criteria, List<RoutingProfile> profiles) {
        StringBuilder s = new StringBuilder();
        s.append("You review a conversation between a user and a company's AI support assistant and decide whether ")
                .append("the conversation must be handed over to a human team member at this point.\n")
                .append("A criterion is met when the user's latest message, read in the context of the conversation ")
                .append("so far, matches its description. Judge only what the conversation shows.\n\n")
                .append("Handoff criteria (name: description):\n");
        for (Criterion c : criteria) {
            s.append("- ").append(c.name()).append(": ").append(oneLine(c.description())).append('\n');
        }
        if (!profiles.isEmpty()) {
            s.append("\nRouting profiles (name: description). Pick the one whose topic best matches the conversation, ")
                    .append("or null when none fits:\n");
            for (RoutingProfile p : profiles) {
                s.append("- ").append(p.name()).append(": ").append(oneLine(p.description())).append('\n');
            }
        }
        s.append("\nReply with JSON only: \"").append(CRITERIA).append("\" lists the names of the criteria that are met ")
                .append("(an empty list when none is)");
        if (!profiles.isEmpty()) {
            s.append(", \"").append(ROUTE).append("\" names the routing profile or is null");
        }
        s.append(", and \"").append(RATIONALE).append("\" explains the decision in one short sentence.");
        return s.toString();
    }

    /** The conversation up to and including the user turn being judged. */
    public static String conversation(List<Message> prefix) {
        StringBuilder s = new StringBuilder("Conversation so far (the last line is the user's latest message):\n");
        for (Message m : prefix) {
            s.append(m.role().id()).append(": ");
            if (m.hasMedia()) {
                s.append("[sent ").append(article(m.media().id())).append(']');
                if (m.text() != null && !m.text().isBlank()) {
                    s.append(' ');
                }
            }
            if (m.text() != null) {
                s.append(oneLine(m.text()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String article(String media) {
        return (media.startsWith("a") || media.startsWith("i") ? "an " : "a ") + media;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static ObjectNode schema(List<String> criteria, List<String> profiles) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("type", "object");
        ObjectNode props = root.putObject("properties");
        ObjectNode crit = props.putObject(CRITERIA);
        crit.put("type", "array");
        ObjectNode items = crit.putObject("items");
        items.put("type", "string");
        ArrayNode names = items.putArray("enum");
        criteria.forEach(names::add);
        ArrayNode required = f.arrayNode().add(CRITERIA);
        if (!profiles.isEmpty()) {
            ObjectNode route = props.putObject(ROUTE);
            ArrayNode anyOf = route.putArray("anyOf");
            ObjectNode named = anyOf.addObject();
            named.put("type", "string");
            ArrayNode values = named.putArray("enum");
            profiles.forEach(values::add);
            anyOf.addObject().put("type", "null");
            required.add(ROUTE);
        }
        props.putObject(RATIONALE).put("type", "string");
        required.add(RATIONALE);
        root.set("required", required);
        root.put("additionalProperties", false);
        return root;
    }
}
