package dev.handoff.remote;

/**
 * An API token and where it came from. {@link #toString()} never shows the value, so a token
 * that ends up in a message or log line by mistake is still not printed.
 *
 * @param source where the token was found, for error messages ("HANDOFF_QUICKCHAT_TOKEN", or
 *               "tokens.support in ~/.config/handoff/credentials.yaml")
 */
public record Token(String value, String source) {

    /** A token that cannot be sent in a header is refused here, by where it came from, never shown. */
    public Token {
        String unsendable = value == null ? null : dev.handoff.text.HeaderText.unsendable(value);
        if (unsendable != null) {
            throw dev.handoff.error.HandoffException.usage("the API token from " + source + " holds " + unsendable
                    + ", which cannot be sent in an HTTP header", "copy the token again without it");
        }
    }

    @Override
    public String toString() {
        return "Token[from " + source + "]";
    }
}
