package dev.handoff.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;

/**
 * YAML 1.1 resolves an unquoted {@code .inf}, {@code -.inf} or {@code .nan} as a float, which
 * Jackson's YAML parser then cannot turn into a number: the whole file was "malformed" because a
 * user wrote ".inf" as a message. Such a scalar is given to the reader as the text it is; a field
 * that wants a number then says it got text, with its position.
 */
final class SpecialFloatsAsText extends JsonParserDelegate {

    SpecialFloatsAsText(JsonParser yaml) {
        super(yaml);
    }

    /** True when the current token is a float the YAML parser cannot give as a number. */
    static boolean unreadableFloat(JsonParser p) {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
            return false;
        }
        try {
            p.getDoubleValue();
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    @Override
    public JsonToken currentToken() {
        return unreadableFloat(delegate) ? JsonToken.VALUE_STRING : delegate.currentToken();
    }

    @Override
    @Deprecated
    public JsonToken getCurrentToken() {
        return currentToken();
    }

    @Override
    public int currentTokenId() {
        return unreadableFloat(delegate) ? JsonTokenId.ID_STRING : delegate.currentTokenId();
    }

    @Override
    @Deprecated
    public int getCurrentTokenId() {
        return currentTokenId();
    }

    @Override
    public boolean hasToken(JsonToken t) {
        return currentToken() == t;
    }

    @Override
    public boolean hasTokenId(int id) {
        return currentTokenId() == id;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        delegate.nextToken();
        refuseOverflow(delegate);
        return currentToken();
    }

    @Override
    public JsonToken nextValue() throws IOException {
        delegate.nextValue();
        refuseOverflow(delegate);
        return currentToken();
    }

    /**
     * A decimal number past what a double holds ({@code 1e400}) read as Infinity: diff crashed on it, and a push would have sent
     * the text "Infinity" where the file had a number. It is refused at its position instead.
     */
    static void refuseOverflow(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_FLOAT || unreadableFloat(p)) {
            return;
        }
        double value = p.getDoubleValue();
        String text = p.getText();
        // a long literal is shown by its start: the message is one line
        String shown = text.length() <= 40 ? text : text.substring(0, 37) + "...";
        if (Double.isInfinite(value)) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "the number " + shown
                    + " is larger than a decimal number can be (about 1.8e308)");
        }
        int exponent = Math.max(text.indexOf('e'), text.indexOf('E'));
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (value == 0.0 && mantissa.chars().anyMatch(c -> c >= '1' && c <= '9')) {
            // 1e-400 read as 0.0: the file said something else than what a push would send
            throw new com.fasterxml.jackson.core.JsonParseException(p, "the number " + shown
                    + " is smaller than a decimal number can be (about 4.9e-324) and would be read as 0");
        }
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public String getValueAsString() throws IOException {
        return unreadableFloat(delegate) ? delegate.getText() : delegate.getValueAsString();
    }

    @Override
    public String getValueAsString(String defaultValue) throws IOException {
        return unreadableFloat(delegate) ? delegate.getText() : delegate.getValueAsString(defaultValue);
    }
}
