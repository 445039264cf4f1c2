package dev.handoff.config.validate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/validation-rules.md lists the rule tables as {@code validate} reads them: rule, severity,
 * source sentence. Run with {@code -Dgolden.update=true} to rewrite the lists after changing a table.
 */
class ValidationRulesDocTest {

    private static final Path DOC = Path.of("docs/validation-rules.md");

    static String table(List<ContractRule> rules) {
        StringBuilder out = new StringBuilder("| rule | the value | severity | source |\n|---|---|---|---|\n");
        for (ContractRule r : rules) {
            out.append("| `").append(r.id()).append("` | ").append(cell(r.check().describe())).append(" | ")
                    .append(r.severity().name().toLowerCase(Locale.ROOT)).append(" | ").append(cell(r.source())).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    @Test
    void theReferenceListsEveryRuleOfBothTables() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String updated = replaceBlock(replaceBlock(doc, "quickchat", table(QuickchatContract.RULES)), "plugit",
                table(PlugitContract.RULES));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DOC, updated, StandardCharsets.UTF_8);
        }
        assertThat(doc).as("%s is out of date: rerun with -Dgolden.update=true", DOC).isEqualTo(updated);
    }

    private static String replaceBlock(String doc, String name, String table) {
        String begin = "<!-- rules:" + name + " -->\n";
        String end = "<!-- /rules:" + name + " -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertThat(from).as("%s has a %s block", DOC, begin.trim()).isNotNegative();
        return doc.substring(0, from + begin.length()) + table + doc.substring(to);
    }
}
