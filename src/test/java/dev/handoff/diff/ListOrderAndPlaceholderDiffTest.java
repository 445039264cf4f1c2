package dev.handoff.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a reorder means depends on whose list it is; two placeholders naming two variables are two values. */
class ListOrderAndPlaceholderDiffTest {

    private static JsonNode yaml(String text) {
        try {
            return Yaml.yaml().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static DiffResult diff(Provider provider, String remote, String local) {
        return DocumentDiff.compare(provider, yaml(remote), yaml(local), SecretComparator.NONE);
    }

    private static List<String> paths(DiffResult r) {
        return r.effective().stream().map(c -> c.path().display()).toList();
    }

    @Test
    void aListUnderAnUnknownKeyInAnotherOrderIsAChangeThePatchMakes() {
        DiffResult objects = diff(Provider.QUICKCHAT, "settings:\n  zz_priority: [{p: 1}, {p: 2}]\n",
                "settings:\n  zz_priority: [{p: 2}, {p: 1}]\n");
        assertThat(paths(objects)).containsExactly("settings.zz_priority");
        assertThat(objects.patch().toString()).contains("\"op\":\"replace\"").contains("\"path\":\"/settings/zz_priority\"");

        DiffResult scalars = diff(Provider.QUICKCHAT, "zz_order: [1, 2, 3]\n", "zz_order: [3, 2, 1]\n");
        assertThat(paths(scalars)).containsExactly("zz_order");

        DiffResult nested = diff(Provider.PLUGIT, "tools:\n  - {name: a, steps: [x, y]}\n", "tools:\n  - {name: a, steps: [y, x]}\n");
        assertThat(paths(nested)).hasSize(1);
        assertThat(diff(Provider.QUICKCHAT, "zz_order: [1, 2]\n", "zz_order: [1, 2]\n").effective()).isEmpty();
    }

    @Test
    void documentedListsKeepTheirMeaningAReorderIsNoChange() {
        assertThat(diff(Provider.QUICKCHAT, "settings:\n  keywords: [a, b]\n", "settings:\n  keywords: [b, a]\n").effective()).isEmpty();
        assertThat(diff(Provider.QUICKCHAT, "custom_guidelines:\n  - {name: A, description: x}\n  - {name: B, description: y}\n",
                "custom_guidelines:\n  - {name: B, description: y}\n  - {name: A, description: x}\n").effective()).isEmpty();
        assertThat(diff(Provider.QUICKCHAT, "routing_profiles:\n  - {name: A, user_ids: [1, 2]}\n",
                "routing_profiles:\n  - {name: A, user_ids: [2, 1]}\n").effective()).isEmpty();
    }

    @Test
    void whereTheDocumentedKeysEndTheUnknownOnesBegin() {
        assertThat(CanonicalForm.underUnknownKey(Provider.QUICKCHAT, List.of("settings", "zz"))).isTrue();
        assertThat(CanonicalForm.underUnknownKey(Provider.QUICKCHAT, List.of("settings", "keywords"))).isFalse();
        assertThat(CanonicalForm.underUnknownKey(Provider.QUICKCHAT, List.of("routing_profiles", "[]", "user_ids"))).isFalse();
        assertThat(CanonicalForm.underUnknownKey(Provider.QUICKCHAT, List.of("routing_profiles", "[]", "zz", "[]", "a"))).isTrue();
        assertThat(CanonicalForm.underUnknownKey(Provider.PLUGIT, List.of("categories", "[]", "webhook", "headers", "X-Key"))).isFalse();
        assertThat(CanonicalForm.underUnknownKey(Provider.PLUGIT, List.of("tools", "[]", "steps"))).isTrue();
    }

    @Test
    void twoFilesWhosePlaceholdersNameTwoVariablesDiffer() {
        String old = "categories:\n  - title: h\n    webhook:\n      url: https://x.example/h\n      headers: {x-key: \"${env:KEY_ONE}\"}\n";
        DiffResult r = diff(Provider.PLUGIT, old, old.replace("KEY_ONE", "KEY_TWO"));
        assertThat(r.effective()).hasSize(1);
        assertThat(r.effective().get(0)).isInstanceOf(Change.Modified.class);
        assertThat(r.patch().toString()).contains("${env:KEY_ONE}").contains("${env:KEY_TWO}");

        assertThat(diff(Provider.PLUGIT, old, old).effective()).as("the same variable: nothing to say")
                .noneMatch(c -> c instanceof Change.Modified);
    }
}
