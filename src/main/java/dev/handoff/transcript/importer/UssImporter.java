package dev.handoff.transcript.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.transcript.Expectation;
import dev.handoff.transcript.Message;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The User Satisfaction Simulation corpus (SGD part): {@code ROLE<TAB>text<TAB>action<TAB>ratings}
 * lines, a blank line after each dialogue, and a closing {@code USER<TAB>OVERALL<TAB><TAB>ratings}
 * line with the dialogue's overall rating. Each user turn is rated 1-5 by several annotators;
 * the first user turn whose mean rating is at most {@code --max-rating} is where the user became
 * dissatisfied, so the frustration criterion is expected from that turn on.
 */
final class UssImporter {

    private static final String OVERALL = "OVERALL";

    private final ImportRequest request;
    private final TranscriptSink sink;

    UssImporter(ImportRequest request, TranscriptSink sink) {
        this.request = request;
        this.sink = sink;
    }

    /** @param text null for a user turn without text, kept for its rating */
    private record Turn(Message.Role role, String text, Double rating) {
    }

    void run(ImportInput input) {
        List<Turn> turns = new ArrayList<>();
        Double overall = null;
        int startLine = 0;
        long dialogue = 0;
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(input.openReader())) {
            String line;
            while (sink.wantsMore() && (line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    if (!turns.isEmpty()) {
                        emit(input, ++dialogue, startLine, turns, overall);
                    }
                    turns = new ArrayList<>();
                    overall = null;
                    continue;
                }
                sink.recordRead();
                if (turns.isEmpty() && overall == null) {
                    startLine = lineNumber;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length < 2) {
                    throw HandoffException.usage(new SourceLocation(input.displayPath(), lineNumber, 1)
                                    + ": expected ROLE<TAB>text<TAB>action<TAB>ratings, found no tab",
                            "is this the USS SGD.txt file? Fields are separated by tabs, dialogues by a blank line");
                }
                Message.Role role = role(fields[0], input, lineNumber);
                Double rating = fields.length >= 4 ? rating(fields[3], input, lineNumber, columnOf(fields, 3)) : null;
                boolean overallLine = role == Message.Role.USER && fields[1].trim().equals(OVERALL)
                        && (fields.length < 3 || fields[2].isBlank());
                if (overallLine) {
                    overall = rating;
                } else if (!fields[1].isBlank()) {
                    turns.add(new Turn(role, fields[1], role == Message.Role.USER ? rating : null));
                } else if (role == Message.Role.USER) {
                    // no text to replay, but its rating is the label: a 1 here makes the dialogue a frustrated one
                    sink.skip("user turns with empty text (rating kept for the label)");
                    turns.add(new Turn(role, null, rating));
                }
            }
            if (!turns.isEmpty() && sink.wantsMore()) {
                emit(input, ++dialogue, startLine, turns, overall);
            }
        } catch (CharacterCodingException e) {
            throw HandoffException.usage(input.badByteAt(e, new SourceLocation(input.displayPath(), lineNumber + 1, 0).toString())
                            + ": not UTF-8 text",
                    "convert the file to UTF-8");
        } catch (IOException e) {
            throw HandoffException.usage(input.displayPath() + ": cannot read: " + e.getMessage(), null);
        }
    }

    private void emit(ImportInput input, long dialogue, int startLine, List<Turn> turns, Double overall) {
        List<Message> messages = new ArrayList<>();
        ArrayNode ratings = JsonNodeFactory.instance.arrayNode();
        Integer frustrated = null;
        boolean rated = false;
        int userTurn = 0;
        // a low rating on a user turn without text: the frustration shows from the next user turn that has text
        boolean frustratedUnseen = false;
        for (Turn t : turns) {
            if (t.text() == null) {
                if (t.rating() != null) {
                    rated = true;
                    frustratedUnseen |= frustrated == null && t.rating() <= request.uss().maxRating();
                }
                continue;
            }
            messages.add(new Message(t.role(), t.text(), null, null));
            if (t.role() != Message.Role.USER) {
                continue;
            }
            userTurn++;
            if (frustratedUnseen && frustrated == null) {
                frustrated = userTurn;
            }
            if (t.rating() == null) {
                ratings.addNull();
                continue;
            }
            rated = true;
            ratings.add(round(t.rating()));
            if (frustrated == null && t.rating() <= request.uss().maxRating()) {
                frustrated = userTurn;
            }
        }
        if (frustratedUnseen && frustrated == null && userTurn > 0) {
            frustrated = userTurn; // the dialogue ends frustrated after its last turn with text: a handoff there is due
        }
        if (userTurn == 0) {
            sink.skip("dialogues without a user turn");
            return;
        }
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("source", request.sourceFor(input));
        if (input.fileName() != null) {
            meta.put("file", input.fileName());
        }
        meta.put("line", startLine);
        meta.put("dialogue", dialogue);
        meta.set("ratings", ratings);
        if (overall != null) {
            meta.put("overall", round(overall));
        }
        Expectation expect = !rated ? null
                : frustrated == null ? new Expectation(false, List.of(), null, null)
                : new Expectation(true, List.of(request.uss().criterion()), frustrated, null);
        sink.offer(new ImportedTranscript(request.idPrefixFor(input) + String.format("%06d", dialogue), meta,
                List.copyOf(messages), expect), false, new SourceLocation(input.displayPath(), startLine, 1));
    }

    private static Message.Role role(String raw, ImportInput input, int line) {
        return switch (raw.trim().toUpperCase(Locale.ROOT)) {
            case "USER" -> Message.Role.USER;
            case "SYSTEM", "ASSISTANT" -> Message.Role.ASSISTANT;
            default -> throw HandoffException.usage(new SourceLocation(input.displayPath(), line, 1) + ": role '" + raw
                    + "' is not USER or SYSTEM", "is this the USS SGD.txt file?");
        };
    }

    /** The mean of comma-separated ratings; null when there are none (system turns). */
    private static Double rating(String raw, ImportInput input, int line, int column) {
        if (raw.isBlank()) {
            return null;
        }
        double sum = 0;
        int n = 0;
        for (String part : raw.split(",")) {
            try {
                int r = Integer.parseInt(part.trim());
                if (r < 1 || r > 5) {
                    throw new NumberFormatException();
                }
                sum += r;
                n++;
            } catch (NumberFormatException e) {
                throw HandoffException.usage(new SourceLocation(input.displayPath(), line, column) + ": rating '" + part
                        + "' is not a whole number from 1 to 5", "ratings are comma-separated, for example 3,2,3");
            }
        }
        return sum / n;
    }

    /** The 1-based column of a field, in characters as an editor counts them (an emoji is one). */
    private static int columnOf(String[] fields, int index) {
        int col = 1;
        for (int i = 0; i < index; i++) {
            col += fields[i].codePointCount(0, fields[i].length()) + 1;
        }
        return col;
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
