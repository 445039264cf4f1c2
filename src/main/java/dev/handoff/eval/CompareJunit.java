package dev.handoff.eval;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code replay --compare --junit}: a test case per criterion (failed by the gate's limits on
 * it), one for the limits on the whole run, one per changed transcript (failed when worse), and
 * the suite "gate": one test case failing with all the gate's messages exactly when the gate fails.
 */
public final class CompareJunit {

    private CompareJunit() {
    }

    public static void write(OutputStream out, Comparison c, CompareGate.Result gate) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            String name = JunitReport.clean("handoff replay --compare " + c.current().context().configFile() + " against "
                    + c.base().context().configFile());
            List<Gate.Failure> overall = gate.failures().stream().filter(f -> f.criterion() == null).toList();
            long criterionFailures = c.criteria().stream().filter(r -> !failures(gate, r.name()).isEmpty()).count();
            x.writeStartElement("testsuites");
            x.writeAttribute("name", name);
            x.writeCharacters("\n");
            suite(x, "criteria", c.criteria().size() + 1, criterionFailures + (overall.isEmpty() ? 0 : 1));
            for (Comparison.Row r : c.criteria()) {
                testcase(x, r.name(), "criteria", failures(gate, r.name()).stream().map(Gate.Failure::message).toList(),
                        String.join(", ", CompareFormat.COLUMNS) + ": " + String.join(", ", CompareFormat.cells(r)));
            }
            testcase(x, "whole run", "criteria", overall.stream().map(Gate.Failure::message).toList(), null);
            x.writeEndElement();
            x.writeCharacters("\n");
            suite(x, "changed transcripts", c.changes().size(), c.changes().stream().filter(ch -> ch.direction() == Comparison.Direction.WORSE).count());
            for (Comparison.Change ch : c.changes()) {
                String what = CompareFormat.outcome(ch.base()) + " → " + CompareFormat.outcome(ch.current());
                testcase(x, ch.id(), JunitReport.classname(ch.source()),
                        ch.direction() == Comparison.Direction.WORSE ? List.of("worse: " + what) : List.of(), ch.direction().id() + ": " + what);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            JunitReport.gateSuite(x, name, gate.passed(), gate.failures().stream().map(Gate.Failure::message).toList(), gate.notes(),
                    c.warnings());
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private static List<Gate.Failure> failures(CompareGate.Result gate, String criterion) {
        return gate.failures().stream().filter(f -> criterion.equals(f.criterion())).toList();
    }

    private static void suite(XMLStreamWriter x, String name, long tests, long failures) throws XMLStreamException {
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        x.writeAttribute("tests", Long.toString(tests));
        x.writeAttribute("failures", Long.toString(failures));
        x.writeAttribute("errors", "0");
        x.writeAttribute("time", "0");
        x.writeCharacters("\n");
    }

    private static void testcase(XMLStreamWriter x, String name, String classname, List<String> failures, String out)
            throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("name", JunitReport.clean(name));
        x.writeAttribute("classname", classname);
        x.writeAttribute("time", "0");
        if (!failures.isEmpty()) {
            x.writeStartElement("failure");
            x.writeAttribute("message", JunitReport.clean(String.join("; ", failures)));
            x.writeEndElement();
        }
        if (out != null) {
            x.writeStartElement("system-out");
            x.writeCharacters(JunitReport.clean(out));
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }
}
