package dev.handoff.remote;

/**
 * An API token and where it came from. {@link #toString()} never shows the value, so a token
 * that ends up in a message or log line by mistake is still not printed.
 *
 * @param source where the token was found, for error messages ("HANDOFF_QUICKCHAT_TOKEN", or
 *               "tokens.support in ~/.config/handoff/credentials.yaml")
 */
public record Token(String value, String source) {

    @Override
    public String toString() {
        return "Token[from " + source + "]";
    }
}
