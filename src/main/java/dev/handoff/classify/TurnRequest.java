package dev.handoff.classify;

import dev.handoff.transcript.Message;
import dev.handoff.transcript.Transcript;

import java.util.List;

/** "Would the conversation be handed off at user turn k?" (docs/replay.md, "Scoring"). */
public record TurnRequest(Transcript transcript, int userTurn) {

    /** The conversation up to and including user message {@code userTurn}. */
    public List<Message> prefix() {
        return transcript.prefix(userTurn);
    }

    /** The user message this turn is about. */
    public Message message() {
        return transcript.messages().get(transcript.indexOfUserTurn(userTurn));
    }
}
