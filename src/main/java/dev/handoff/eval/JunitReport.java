package dev.handoff.eval;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * JUnit XML, as Jenkins, GitLab and GitHub test reporters read it: one test case per transcript
 * (classname = its source file), failing when any criterion is FP or FN there or an expected handoff
 * whose label names no criteria was missed, an error for
 * invalid classifier output and for bad transcripts, skipped when unlabelled; then a suite "gate"
 * with one test case that fails, with the gate's messages, exactly when the gate fails (exit 1),
 * whatever the transcripts' cases show (a limit on a rate, the baseline, nothing scored). Streamed.
 */
public final class JunitReport {

    private JunitReport() {
    }

    /**
     * @param outcomes calls its argument with every outcome, in order
     * @param gate     the gate's verdict, or null for none
     */
    public static void write(OutputStream out, Summary s, Gate.Result gate, Consumer<Consumer<TranscriptOutcome>> outcomes)
            throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            // bad transcripts beyond the report's cap have no test case, so they are not counted here either
            long badCases = s.badExamples().size();
            long tests = s.transcripts() + badCases;
            long failures = s.scoredWithErrors();
            long errors = s.invalidCount() + s.unrecordedCount() + badCases;
            // the config file name and classifier id may hold anything a file name can
            String name = clean("handoff replay " + s.context().configFile() + " (" + s.context().classifierId() + ")");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", name);
            long gateCases = gate == null ? 0 : 1;
            long gateFailures = gate == null || gate.passed() ? 0 : 1;
            x.writeAttribute("tests", Long.toString(tests + gateCases));
            x.writeAttribute("failures", Long.toString(failures + gateFailures));
            x.writeAttribute("errors", Long.toString(errors));
            x.writeAttribute("time", "0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", name);
            x.writeAttribute("tests", Long.toString(tests));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", Long.toString(errors));
            x.writeAttribute("skipped", Long.toString(s.unlabelled()));
            x.writeAttribute("time", "0");
            x.writeCharacters("\n");
            List<XMLStreamException> problems = new ArrayList<>(1);
            outcomes.accept(o -> {
                try {
                    testcase(x, o);
                } catch (XMLStreamException e) {
                    problems.add(e);
                }
            });
            if (!problems.isEmpty()) {
                throw problems.get(0);
            }
            for (Example bad : s.badExamples()) {
                x.writeStartElement("testcase");
                x.writeAttribute("name", bad.id() == null ? "transcript #" + (bad.ordinal() + 1) : clean(bad.id()));
                x.writeAttribute("classname", "bad-transcripts");
                x.writeAttribute("time", "0");
                x.writeStartElement("error");
                x.writeAttribute("type", "bad transcript");
                x.writeAttribute("message", clean(bad.note()));
                x.writeEndElement();
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            if (gate != null) {
                List<String> warnings = new ArrayList<>(ReportWarnings.of(s));
                if (gate.baseline() != null) {
                    gate.baseline().warnings().forEach(w -> warnings.add("baseline: " + w));
                }
                gateSuite(x, name, gate.passed(), gate.failures().stream().map(Gate.Failure::message).toList(), gate.notes(),
                        warnings);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
            out.flush();
        } catch (XMLStreamException e) {
            // the XML writer wraps the write's own failure (a full disk): that one is what the user can act on
            if (e.getNestedException() instanceof IOException io) {
                throw io;
            }
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
        }
    }

    /**
     * The suite "gate": one test case, failing with every failure message when the gate failed, so a JUnit
     * reader shows red exactly when the command exits 1 (replay, report merge and replay --compare).
     * Its system-out holds the gate's notes and the report's warnings, one a line ("warning: ..."):
     * a green gate on figures that may not be the file's (a time zone read as UTC) says so here too.
     */
    static void gateSuite(XMLStreamWriter x, String name, boolean passed, List<String> failures, List<String> notes,
                          List<String> warnings) throws XMLStreamException {
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name + " gate");
        x.writeAttribute("tests", "1");
        x.writeAttribute("failures", passed ? "0" : "1");
        x.writeAttribute("errors", "0");
        x.writeAttribute("time", "0");
        x.writeCharacters("\n");
        x.writeStartElement("testcase");
        x.writeAttribute("name", "gate");
        x.writeAttribute("classname", "gate");
        x.writeAttribute("time", "0");
        if (!passed) {
            x.writeStartElement("failure");
            x.writeAttribute("type", "gate");
            x.writeAttribute("message", clean("gate failed: " + String.join("; ", failures)));
            x.writeCharacters(clean(String.join("\n", failures) + "\n"));
            x.writeEndElement();
        }
        if (!notes.isEmpty() || !warnings.isEmpty()) {
            List<String> lines = new ArrayList<>(notes);
            warnings.forEach(w -> lines.add("warning: " + w.replaceAll("[\\r\\n]+", " ")));
            x.writeStartElement("system-out");
            x.writeCharacters(clean(String.join("\n", lines) + "\n"));
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void testcase(XMLStreamWriter x, TranscriptOutcome o) throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("name", clean(o.id()));
        x.writeAttribute("classname", classname(o.source()));
        x.writeAttribute("time", "0");
        switch (o.status()) {
            case UNLABELLED -> {
                x.writeStartElement("skipped");
                x.writeAttribute("message", "unlabelled: " + (o.handedOff() ? "handed off at turn " + o.triggerTurn() + " by "
                        + String.join(", ", o.fired()) : "no handoff"));
                x.writeEndElement();
            }
            case INVALID -> {
                x.writeStartElement("error");
                x.writeAttribute("type", "invalid classifier output");
                x.writeAttribute("message", clean("turn " + o.invalid().turn() + ": " + o.invalid().reason()));
                x.writeEndElement();
            }
            case UNRECORDED -> {
                x.writeStartElement("error");
                x.writeAttribute("type", "no recorded verdict");
                x.writeAttribute("message", clean("turn " + o.invalid().turn() + ": " + o.invalid().reason()));
                x.writeEndElement();
            }
            case SCORED -> {
                List<String> parts = new ArrayList<>();
                for (var e : o.labels().entrySet()) {
                    for (Label l : e.getValue()) {
                        if (l != Label.TP) {
                            parts.add(l + " " + e.getKey());
                        }
                    }
                }
                if (parts.isEmpty() && BaselineDiff.missedWithoutCriteria(o)) {
                    // the label names no criterion, so no criterion has an FN, but the handoff was missed all the same
                    parts.add("FN handoff");
                }
                if (!parts.isEmpty()) {
                    x.writeStartElement("failure");
                    x.writeAttribute("type", parts.stream().map(p -> p.substring(0, 2)).distinct().sorted().reduce((a, b) -> a + "," + b).orElse(""));
                    x.writeAttribute("message", clean(String.join("; ", parts) + (o.handedOff() ? " at turn " + o.triggerTurn() : " (nothing fired)")));
                    x.writeCharacters(clean(detail(o)));
                    x.writeEndElement();
                }
            }
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static String detail(TranscriptOutcome o) {
        var e = o.expect();
        StringBuilder b = new StringBuilder();
        b.append("expected: ").append(e.handoff() ? "handoff" : "no handoff");
        if (!e.criteria().isEmpty()) {
            b.append(" by ").append(String.join(", ", e.criteria()));
        }
        if (e.turn() != null) {
            b.append(" from turn ").append(e.turn());
        }
        b.append('\n');
        if (o.handedOff()) {
            b.append("fired at turn ").append(o.triggerTurn()).append(": ").append(String.join(", ", o.fired())).append('\n');
            b.append("user: ").append(o.triggerText()).append('\n');
        } else {
            b.append("nothing fired in ").append(o.userTurns()).append(" user turns\n");
        }
        b.append("source: ").append(o.source()).append('\n');
        return b.toString();
    }

    /** "transcripts/support/a.yaml" -> "transcripts.support.a"; the JSONL line is dropped. */
    static String classname(String source) {
        String file = source.replaceFirst(":\\d+(:\\d+)?$", "");
        file = file.replace('\\', '/').replaceFirst("\\.(ya?ml|jsonl|json)$", "");
        while (file.startsWith("./") || file.startsWith("/")) {
            file = file.substring(file.startsWith("./") ? 2 : 1);
        }
        return clean(file.replace('/', '.'));
    }

    /**
     * XML 1.0 cannot carry most control characters, even escaped ({@code &#27;} is not well-formed
     * either): they, and the controls XML allows but a terminal would obey, become a visible escape,
     * {@code \u001B}, as on the terminal; an unpaired surrogate or U+FFFE/U+FFFF becomes U+FFFD.
     */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
            if (!ok && cp < 0x20) {
                b.append(String.format("\\u%04X", cp));
            } else if (!ok) {
                b.appendCodePoint(0xFFFD);
            } else if (cp != 0x9 && cp != 0xA && cp != 0xD && dev.handoff.text.Invisible.isHidden(cp)) {
                // legal in XML, but a CI log or a 'cat' of the file would hand a C1 or bidi control to the terminal
                b.append(String.format("\\u%04X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
