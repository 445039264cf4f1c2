package dev.handoff.classify.llm;

/** One chat message as sent to a server: {@code role} is "system" or "user". */
public record PromptMessage(String role, String content) {

    public static PromptMessage system(String content) {
        return new PromptMessage("system", content);
    }

    public static PromptMessage user(String content) {
        return new PromptMessage("user", content);
    }
}
