package dev.handoff.classify.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Build-time tool, not a test: the rows of the development data sets the LLM-labelled turns were drawn from
 * (HINT3, Banking77, CLINC150 train and oos_train, Bitext), each with its data set's intent, so that an LLM's
 * labels of a few turns of an intent can speak for the other rows of that intent (weak supervision through the
 * intent). SGD dialogue turns have no intent and are left out.
 */
final class IntentRows {

    /** One data-set row: the item id the reference would give it, its intent (prefixed by its source) and its text. */
    record DataRow(String item, String intent, String text) {
    }

    private final Map<String, DataRow> byItem = new LinkedHashMap<>();

    private IntentRows() {
    }

    /** Reads the data sets from {@code dataDir} (the folder that holds llm-reference). */
    static IntentRows read(Path dataDir) throws IOException {
        IntentRows rows = new IntentRows();
        rows.csv(dataDir.resolve("banking77/train.csv"), "banking77", "text", "category", "b77/");
        for (String bot : List.of("curekart", "powerplay11", "sofmattress")) {
            rows.csv(dataDir.resolve("hint3/" + bot + "_train.csv"), "hint3-" + bot, "sentence", "label", "hint3-" + bot + "/");
        }
        rows.csv(dataDir.resolve("bitext/customer_support_6480.csv"), "bitext", "instruction", "intent", "bit/");
        JsonNode clinc = new ObjectMapper().readTree(dataDir.resolve("clinc150/data_dev.json").toFile());
        for (String split : List.of("train", "oos_train")) {
            JsonNode list = clinc.path(split);
            for (int i = 0; i < list.size(); i++) {
                String item = "clinc150-" + split + ":" + i;
                rows.byItem.put(item, new DataRow(item, "cl/" + list.get(i).get(1).asText(), list.get(i).get(0).asText()));
            }
        }
        return rows;
    }

    private void csv(Path file, String source, String textColumn, String intentColumn, String prefix) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.IGNORE_TRAILING_UNMAPPABLE);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(schema).readValues(file.toFile())) {
            int row = 0;
            while (it.hasNext()) {
                Map<String, String> r = it.next();
                String item = source + ":" + row++;
                byItem.put(item, new DataRow(item, prefix + r.get(intentColumn), r.get(textColumn)));
            }
        }
    }

    /** The intent of a reference item, or null (an SGD turn, or an item these files do not hold). */
    String intentOf(String item) {
        DataRow r = lookup(item);
        return r == null ? null : r.intent();
    }

    /** Reference ids pad the row number ("banking77:09820"); the rows here are keyed without padding. */
    private DataRow lookup(String item) {
        return byItem.get(unpadded(item));
    }

    private static String unpadded(String item) {
        int colon = item.lastIndexOf(':');
        try {
            return item.substring(0, colon + 1) + Integer.parseInt(item.substring(colon + 1));
        } catch (NumberFormatException e) {
            return item;
        }
    }

    /**
     * Only rows bench/quality.sh tunes on (HINT3 curekart, CLINC150 train and oos_train, Bitext and Banking77 rows whose
     * text hashes to half A), so that its REPORT figures stay about text no probe was fitted on. HINT3 powerplay11 and
     * sofmattress give none: they are wholly REPORT there.
     */
    static boolean qualityTune(DataRow r) {
        String source = r.item().substring(0, r.item().indexOf(':'));
        return switch (source) {
            case "hint3-curekart", "clinc150-train", "clinc150-oos_train" -> true;
            case "banking77", "bitext" -> (ProbeFitting.sha1(r.text())[19] & 1) == 0;
            default -> false;
        };
    }

    /**
     * Up to {@code perIntent} rows of each intent, chosen by the SHA-1 of their item id (stable across runs), leaving
     * out the reference's own items and any row whose text is one of theirs.
     */
    List<DataRow> sample(Set<String> referenceItems, Set<String> referenceTexts, int perIntent) {
        Set<String> excluded = new java.util.HashSet<>();
        for (String item : referenceItems) {
            DataRow r = lookup(item);
            if (r != null) {
                excluded.add(r.item());
            }
        }
        Map<String, List<DataRow>> byIntent = new HashMap<>();
        for (DataRow r : byItem.values()) {
            if (!excluded.contains(r.item()) && !referenceTexts.contains(Texts.normalize(r.text())) && qualityTune(r)) {
                byIntent.computeIfAbsent(r.intent(), k -> new ArrayList<>()).add(r);
            }
        }
        List<DataRow> out = new ArrayList<>();
        byIntent.keySet().stream().sorted().forEach(intent -> byIntent.get(intent).stream()
                .sorted(Comparator.comparing(r -> java.util.HexFormat.of().formatHex(ProbeFitting.sha1(r.item()))))
                .limit(perIntent)
                .forEach(out::add));
        return out;
    }
}
