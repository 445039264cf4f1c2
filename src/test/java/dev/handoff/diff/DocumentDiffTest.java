package dev.handoff.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.testing.JsonPatchApplier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentDiffTest {

    private static JsonNode yaml(String text) {
        try {
            return Yaml.yaml().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static DiffResult quickchat(String remote, String local) {
        return DocumentDiff.compare(Provider.QUICKCHAT, yaml(remote), yaml(local), SecretComparator.NONE);
    }

    private static List<String> paths(DiffResult r) {
        return r.effective().stream().map(c -> c.path().display()).toList();
    }

    @Test
    void listItemsAreMatchedByNameNotByPosition() {
        String remote = """
                custom_guidelines:
                  - {name: A, description: one, is_active: true}
                  - {name: B, description: two, is_active: true}
                """;
        String reordered = """
                custom_guidelines:
                  - {name: B, description: two, is_active: true}
                  - {name: A, description: one, is_active: false}
                """;
        DiffResult r = quickchat(remote, reordered);
        assertThat(paths(r)).containsExactly("custom_guidelines[name=A].is_active");
    }

    @Test
    void anIdMatchTurnsARenameIntoOneChangedField() {
        DiffResult r = quickchat("custom_guidelines: [{id: 4, name: Old, description: d}]",
                "custom_guidelines: [{id: 4, name: New, description: d}]");
        assertThat(r.effective()).singleElement().isInstanceOf(Change.Modified.class);
        assertThat(paths(r)).containsExactly("custom_guidelines[name=New].name");
    }

    @Test
    void aNameWithItsAccentsDecomposedIsTheSameItemRenamedNotOneRemovedAndOneAdded() {
        DiffResult r = quickchat("custom_guidelines: [{id: 99, name: \"Caf\\u00e9\", description: d}]",
                "custom_guidelines: [{name: \"Cafe\\u0301\", description: d}]");
        assertThat(r.effective()).singleElement().isInstanceOf(Change.Modified.class);
        assertThat(paths(r).get(0)).endsWith("].name");
    }

    @Test
    void anIdMovedToAnotherItemNeverGivesTwoItemsOneLabel() {
        // the file gives Billing's place to id 31 (Orders & Delivery on the remote) and lists Orders without an id
        DiffResult r = quickchat("""
                        routing_profiles:
                          - {id: 30, name: Billing, description: b}
                          - {id: 31, name: Orders & Delivery, description: o}
                        """,
                """
                        routing_profiles:
                          - {id: 31, name: Billing, description: b}
                          - {name: Orders & Delivery, description: o}
                        """);
        assertThat(paths(r)).containsExactly("routing_profiles[id=31].name", "routing_profiles[id=31].description",
                "routing_profiles[name=Orders & Delivery]", "routing_profiles[id=30]");
        assertThat(paths(r)).doesNotHaveDuplicates();
    }

    @Test
    void labelsStayNamesWhenNoTwoItemsShareOne() {
        DiffResult r = quickchat("routing_profiles: [{id: 30, name: Billing, description: b}, {id: 31, name: Orders, description: o}]",
                "routing_profiles: [{id: 30, name: Billing, description: B}, {name: Returns, description: r}]");
        assertThat(paths(r)).containsExactly("routing_profiles[name=Billing].description", "routing_profiles[name=Returns]",
                "routing_profiles[name=Orders]");
    }

    @Test
    void readOnlyFieldsAndServerIdsTheFileLacksAreNotChanges() {
        DiffResult r = quickchat("""
                        settings: {is_active: true, topic_based_routing_active: true}
                        routing_profiles: [{id: 9, name: Billing, user_ids: [1, 2]}]
                        """,
                """
                        settings: {is_active: true, topic_based_routing_active: false}
                        routing_profiles: [{name: Billing, user_ids: [2, 1]}]
                        """);
        assertThat(r.hasChanges()).isFalse();
        assertThat(r.patch()).isEmpty();
    }

    @Test
    void slotsOfTheSameDayAreToldApartByStartTime() {
        DiffResult r = quickchat("""
                        availability:
                          - {day_span: monday, start_time: "08:00", end_time: "12:00"}
                          - {day_span: monday, start_time: "13:00", end_time: "17:00"}
                        """,
                """
                        availability:
                          - {day_span: monday, start_time: "13:00", end_time: "18:00"}
                          - {day_span: monday, start_time: "08:00", end_time: "12:00"}
                        """);
        assertThat(paths(r)).containsExactly("availability[day_span=monday 13:00].end_time");
    }

    @Test
    void thePatchTurnsTheRemoteIntoTheLocalDocumentEvenWithSeveralRemovals() {
        JsonNode remote = yaml("""
                settings: {keywords: [a, b, c, d]}
                custom_guidelines:
                  - {id: 1, name: A, description: x}
                  - {id: 2, name: B, description: x}
                  - {id: 3, name: C, description: x}
                  - {id: 4, name: D, description: x}
                """);
        JsonNode local = yaml("""
                settings: {keywords: [d, e, b]}
                custom_guidelines:
                  - {id: 4, name: D, description: changed}
                  - {id: 2, name: B, description: x}
                  - {name: E, description: new}
                """);
        DiffResult r = DocumentDiff.compare(Provider.QUICKCHAT, remote, local, SecretComparator.NONE);
        JsonNode patched = JsonPatchApplier.apply(r.patch(), dev.handoff.config.yaml.CanonicalForm.canonicalize(Provider.QUICKCHAT, remote));
        assertThat(dev.handoff.config.yaml.CanonicalForm.canonicalize(Provider.QUICKCHAT, patched).get("custom_guidelines"))
                .isEqualTo(dev.handoff.config.yaml.CanonicalForm.canonicalize(Provider.QUICKCHAT, local).get("custom_guidelines"));
        assertThat(patched.at("/settings/keywords")).containsExactlyInAnyOrderElementsOf(local.at("/settings/keywords"));
    }

    @Test
    void secretsAreComparedButNeverCarriedIntoChangesOrPatch() {
        JsonNode remote = yaml("categories: [{title: t, webhook: {headers: {x-api-key: \"${env:K}\"}}}]");
        JsonNode local = yaml("""
                categories:
                  - {title: t, webhook: {headers: {x-api-key: "${env:K}"}}}
                  - {title: u, webhook: {headers: {x-api-key: literal-secret-value}}}
                """);
        DiffResult r = DocumentDiff.compare(Provider.PLUGIT, remote, local, (pointer, value) -> {
            assertThat(pointer).isEqualTo("/categories/0/webhook/headers/x-api-key");
            return Change.SecretState.CHANGED;
        });
        assertThat(r.secrets(Change.SecretState.CHANGED)).isEqualTo(1);
        assertThat(r.patch().toString()).doesNotContain("literal-secret-value").contains(DocumentDiff.HIDDEN);
        assertThat(DiffRenderer.text(r, false).toString()).doesNotContain("literal-secret-value")
                .contains("categories[title=t].webhook.headers.x-api-key: secret changed (K)");
        assertThat(DiffRenderer.json(r).toString()).doesNotContain("literal-secret-value");
    }

    @Test
    void numbersAreComparedByValue() {
        assertThat(quickchat("routing_profiles: [{name: A, user_ids: [1]}]", "routing_profiles: [{name: A, user_ids: [1.0]}]")
                .hasChanges()).isFalse();
    }

    @Test
    void pathsQuoteOddKeysAndPointersEscapeThem() {
        DiffPath p = DiffPath.ROOT.field("settings").field("a.b/c~d");
        assertThat(p.display()).isEqualTo("settings[\"a.b/c~d\"]");
        assertThat(p.pointer()).isEqualTo("/settings/a.b~1c~0d");
        assertThat(DiffPath.ROOT.field("routing_profiles").item("name", "Orders & Delivery", 1).field("is_active").display())
                .isEqualTo("routing_profiles[name=Orders & Delivery].is_active");
    }
}
