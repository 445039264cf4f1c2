package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.remote.FakeVendorServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the remote holds right after a write is not always what the write stored: a colleague may
 * save between the write and push's read-back, and a create may be answered with an agent the push
 * did not make. Neither may end with a version in the file that lets the next push overwrite
 * someone else's work unseen.
 */
class PushChangedAfterWriteTest extends RemoteCliFixture {

    private static final String OLD_REFUND = "has not arrived after 14 days";
    private static final String NEW_REFUND = "has not arrived after 10 working days";
    private static final String OLD_LEGAL = "the consumer protection office";
    private static final String COLLEAGUES_LEGAL = "the consumer ombudsman";

    /** A colleague's dashboard edit, saved once, right before the first read that follows a write. */
    private void colleagueSavesAfterThe(String writeMethod, Runnable edit) {
        boolean[] written = new boolean[1];
        boolean[] done = new boolean[1];
        server.beforeAnswer(r -> {
            if (r.getMethod().equals(writeMethod)) {
                written[0] = true;
            } else if (written[0] && !done[0] && r.getMethod().equals("GET")) {
                done[0] = true;
                edit.run();
            }
        });
    }

    /** The next push, of an unrelated edit, with no one else saving meanwhile. */
    private CliHarness.Result anotherSalesPush() {
        server.beforeAnswer(x -> { });
        edit(file("sales.yaml"), "custom branding or embroidery", "custom branding, embroidery or engraving");
        return run("push", "--target", "sales", "--yes");
    }

    @Test
    void aColleaguesEditBetweenTheWriteAndTheReadBackStopsTheNextPushInsteadOfBeingReverted() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        colleagueSavesAfterThe("PUT", () -> {
            ObjectNode doc = server.quickchat();
            doc.set("custom_guidelines", json(doc.get("custom_guidelines").toString().replace(OLD_LEGAL, COLLEAGUES_LEGAL)));
        });

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("pushed 1 change").doesNotContain("the server did not store everything as sent")
                .contains("the remote changed right after the write (another writer, or the server changing what it stored):")
                .contains("custom_guidelines[name=Legal or safety threat].description", "{+ombudsman,+}");
        assertThat(r.err()).contains("records the version the write stored, so the next push stops (exit 5) and shows that change");

        // an unrelated edit later: the colleague's text is not sent back over
        server.beforeAnswer(x -> { });
        edit(file("support.yaml"), "Questions about the return policy alone", "Questions about returns alone");
        var next = run("push", "--yes");
        assertThat(next.exitCode()).as(next.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(next.out()).contains("{+ombudsman,+}");
        assertThat(server.quickchat().toString()).contains(COLLEAGUES_LEGAL).contains("Questions about the return policy alone");
    }

    /** The stored agent with every webhook header value masked, as APIs that keep credentials answer. */
    private static ObjectNode masked(ObjectNode agent) {
        for (var category : agent.path("categories")) {
            var headers = category.path("webhook").path("headers");
            if (headers instanceof ObjectNode h) {
                h.fieldNames().forEachRemaining(name -> { });
                java.util.List<String> names = new java.util.ArrayList<>();
                h.fieldNames().forEachRemaining(names::add);
                names.forEach(name -> h.put(name, "****" + h.get(name).asText().substring(h.get(name).asText().length() - 4)));
            }
        }
        return agent;
    }

    @Test
    void anAnswerThatMasksSecretsStillTellsAColleaguesEditAfterTheWriteFromTheServers() {
        fetchAndEditSales();
        server.answerWrites((sent, stored) -> masked(stored));
        colleagueSavesAfterThe("PATCH", () -> server.agent("agt_123").put("prompt", "A colleague's prompt."));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("the remote changed right after the write").contains("prompt")
                .doesNotContain("the server did not store everything as sent");
        var next = anotherSalesPush();
        assertThat(next.exitCode()).as(next.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.agent("agt_123").path("prompt").asText()).isEqualTo("A colleague's prompt.");
        // the secrets the write stored are the ones sent, not the answer's masks: no rotation is reported
        assertThat(next.out() + next.err()).doesNotContain("secret changed");
    }

    private String keyOf(String category) {
        for (var c : server.agent("agt_123").get("categories")) {
            if (c.path("title").asText().equals(category)) {
                return c.path("webhook").path("headers").path("x-api-key").asText();
            }
        }
        throw new AssertionError(category);
    }

    @Test
    void withAnEmptyAnswerAColleaguesEditOfWhatThePushLeftAsItWasIsStillTheirs() {
        fetchAndEditSales();
        server.answerWrites((sent, stored) -> (ObjectNode) json("{}"));
        colleagueSavesAfterThe("PATCH", () -> server.agent("agt_123").put("prompt", "A colleague's prompt."));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("the remote changed right after the write").contains("A colleague's prompt.")
                .doesNotContain("the server did not store everything as sent");
        var next = anotherSalesPush();
        assertThat(next.exitCode()).as(next.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.agent("agt_123").path("prompt").asText()).isEqualTo("A colleague's prompt.");
    }

    @Test
    void aSecretRotatedRightAfterTheWriteIsNotPutBackWhenTheAnswerLeavesSecretsOut() {
        fetchAndEditSales();
        String rotated = "whk_live_ROTATED_after_write_77";
        server.answerWrites((sent, stored) -> {
            stored.path("categories").forEach(c -> ((ObjectNode) c.path("webhook")).remove("headers"));
            return stored;
        });
        colleagueSavesAfterThe("PATCH", () -> server.agent("agt_123").path("categories").forEach(c -> {
            if (c.path("title").asText().equals("human_handoff")) {
                ((ObjectNode) c.path("webhook").path("headers")).put("x-api-key", rotated);
            }
        }));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("the remote changed right after the write")
                .contains("categories[title=human_handoff].webhook.headers.x-api-key: secret changed on the remote");
        var next = anotherSalesPush();
        assertThat(next.exitCode()).as(next.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(keyOf("human_handoff")).isEqualTo(rotated);
        outputs(rotated);
    }

    @Test
    void withAnEmptyAnswerAndNoOneElseAPushIsJustAPush() {
        fetchAndEditSales();
        server.answerWrites((sent, stored) -> (ObjectNode) json("{}"));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("changed right after the write").doesNotContain("did not store everything");
        edit(file("sales.yaml"), "custom branding or embroidery", "custom branding, embroidery or engraving");
        assertThat(run("push", "--target", "sales", "--yes").exitCode()).isZero();
    }

    @Test
    void aTimestampTheServerSetsAfterAnEchoedAnswerIsTheServersNotAColleagues() {
        server.agent("agt_123").put("updated_at", "2026-12-08T00:00:00Z");
        int[] writes = new int[1];
        server.onStore(doc -> doc.put("updated_at", "2026-12-08T00:00:0" + (++writes[0]) + "Z"));
        server.answerWrites((sent, stored) -> sent);
        fetchAndEditSales();

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("changed right after the write");
        edit(file("sales.yaml"), "custom branding or embroidery", "custom branding, embroidery or engraving");
        var next = run("push", "--target", "sales", "--yes");
        assertThat(next.exitCode()).as(next.toString()).isNotEqualTo(ExitCode.CONFLICT);
    }

    @Test
    void idsTheServerGaveWhatWasSentAreWrittenToTheFileAndNotShownAsTheColleaguesChange() {
        run("fetch");
        String file = read(file("support.yaml"));
        int at = file.indexOf("custom_guidelines:") + "custom_guidelines:\n".length();
        write(file("support.yaml"), file.substring(0, at) + "  - name: Warranty claims\n    description: The user claims a warranty"
                + " repair.\n    is_active: true\n" + file.substring(at));
        server.answerWrites((sent, stored) -> sent); // an echo of the request: no ids in it
        colleagueSavesAfterThe("PUT", () -> {
            ObjectNode doc = server.quickchat();
            doc.set("custom_guidelines", json(doc.get("custom_guidelines").toString().replace(OLD_LEGAL, COLLEAGUES_LEGAL)));
        });

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String after = r.out().substring(r.out().indexOf("changed right after the write"), r.out().indexOf("the server assigned"));
        assertThat(after).contains("{+ombudsman,+}").doesNotContain(".id");
        assertThat(r.out()).contains("the server assigned custom_guidelines[name=Warranty claims].id");
        assertThat(read(file("support.yaml"))).containsPattern("id: \\d+\\s+name: Warranty claims");
    }

    @Test
    void aServerThatStoresSomethingElseThanItAnswersIsStillSaidToHaveStoredItDifferently() {
        // the write's own answer already shows the change: the server's doing, reported as before
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.onStore(doc -> {
            doc.put("question_message", doc.path("question_message").asText().trim() + " (edited by the server)");
            return doc;
        });

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("the server did not store everything as sent:").doesNotContain("changed right after the write");
    }

    @Test
    void aCreateAnsweredWithAnAgentHoldingNoneOfWhatWasSentRecordsNothingAndTouchesNoAgent() {
        server.agent(json("{\"id\":\"agt_other\",\"title\":\"Someone else's bot\",\"prompt\":\"other\","
                + "\"categories\":[{\"title\":\"x\",\"criteria\":\"y\"}]}"));
        write(file("newbot.yaml"), RETURNS_BOT);
        server.enqueue("POST", FakeVendorServer.json(201, server.agent("agt_other")));

        var r = run("push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("was answered with agent agt_other, which holds none of what was sent (title, categories differ):"
                + " it may be another bot's agent, so nothing was recorded")
                .contains("if agt_other is the agent you meant (a server that rewrote the title, prompt and category titles), add"
                        + " 'agent_id: agt_other'").contains("run 'handoff fetch --force'");
        assertThat(read(file("newbot.yaml"))).isEqualTo(RETURNS_BOT);
        assertThat(server.requests("PATCH")).isEmpty();
        assertThat(server.agent("agt_other").path("title").asText()).isEqualTo("Someone else's bot");
    }

    @Test
    void aForeignAgentSharingOnlyAModelNameALanguageOrACategoryTitleIsStillRefused() {
        // most agents of one account share these: they tell nothing about whose agent it is
        // nor does the vendor's own example category title, which most agents have too
        server.agent(json("{\"id\":\"agt_other\",\"title\":\"Someone else's bot\",\"version\":\"lg-gpt-4.1-v3\","
                + "\"default_language\":\"en\",\"categories\":[{\"title\":\"human_handoff\",\"criteria\":\"y\"}]}"));
        write(file("newbot.yaml"), RETURNS_BOT + "version: lg-gpt-4.1-v3\ndefault_language: en\n");
        server.enqueue("POST", FakeVendorServer.json(201, server.agent("agt_other")));

        var r = run("push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("which holds none of what was sent (title differs)");
        assertThat(read(file("newbot.yaml"))).doesNotContain("agt_other");
    }

    @Test
    void aCreateWhoseServerRewroteOneFieldIsStillTheAgentItMade() {
        write(file("newbot.yaml"), RETURNS_BOT);
        server.onStore(doc -> {
            doc.path("categories").forEach(c -> ((ObjectNode) c).put("criteria", c.path("criteria").asText().toUpperCase(java.util.Locale.ROOT)));
            return doc;
        });

        var r = run("push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("created agent agt_new_1").contains("the server did not store everything as sent:");
        assertThat(read(file("newbot.yaml"))).contains("id: agt_new_1");
    }
    @Test
    void aRemoteThatMovesDuringAForcedPushIsNotAnsweredWithAdviceToForce() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        int[] gets = new int[1];
        server.beforeAnswer(r -> {
            // the second read is push's own re-read before the write: a colleague saved in between
            if (r.getMethod().equals("GET") && ++gets[0] == 2) {
                ObjectNode doc = server.quickchat();
                doc.set("custom_guidelines", json(doc.get("custom_guidelines").toString().replace(OLD_LEGAL, COLLEAGUES_LEGAL)));
            }
        });

        var r = run("push", "--yes", "--force");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.err()).contains("someone changed the remote while this push ran; 'handoff push --force' again shows that change")
                .doesNotContain("to overwrite the remote: 'handoff push --force'");
        assertThat(server.requests("PUT")).isEmpty();
        var without = run("push", "--yes");
        assertThat(without.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(without.err()).contains("to overwrite the remote: 'handoff push --force'");
    }
    @Test
    void aKeywordTakenOutRightAfterTheWriteStaysOutAndTheStateKeepsItsList() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.answerWrites((sent, stored) -> (ObjectNode) json("{}"));
        String[] removed = new String[1];
        colleagueSavesAfterThe("PUT", () -> {
            var keywords = (com.fasterxml.jackson.databind.node.ArrayNode) server.quickchat().with("settings").get("keywords");
            removed[0] = keywords.get(0).asText();
            keywords.remove(0);
        });

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("the remote changed right after the write");
        var diff = run("diff");
        // only the keyword: the list the state recorded is a list, as the remote's
        assertThat(diff.out()).as(diff.toString()).contains("+ settings.keywords: \"" + removed[0] + "\"", "1 change: 1 added");
        server.beforeAnswer(x -> { });
        edit(file("support.yaml"), "Questions about the return policy alone", "Questions about returns alone");
        var next = run("push", "--yes");
        assertThat(next.exitCode()).as(next.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.quickchat().path("settings").path("keywords").toString()).doesNotContain("\"" + removed[0] + "\"");
    }

    @Test
    void aCounterTheServerKeepsUnderAnUndocumentedKeyIsNoColleaguesChange() {
        server.agent("agt_123").put("revision", 1);
        int[] writes = new int[1];
        server.onStore(doc -> doc.put("revision", 1 + ++writes[0]));
        server.answerWrites((sent, stored) -> (ObjectNode) json("{}"));
        fetchAndEditSales();

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("changed right after the write");
    }

    @Test
    void aCategoryThePushAddedAndTheServerRenamedIsTheServersDoing() {
        fetchAndEditSales();
        String file = read(file("sales.yaml"));
        int at = file.indexOf("categories:\n") + "categories:\n".length();
        write(file("sales.yaml"), file.substring(0, at) + "  - title: Sales Team\n    criteria: The user asks for a sales person.\n"
                + file.substring(at));
        server.answerWrites((sent, stored) -> (ObjectNode) json("{}"));
        server.onStore(doc -> {
            doc.path("categories").forEach(c -> {
                if (c.path("title").asText().equals("Sales Team")) {
                    ((ObjectNode) c).put("title", "sales_team");
                }
            });
            return doc;
        });

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.out()).as(r.toString()).doesNotContain("changed right after the write");
    }
    @Test
    void aCategoryAColleagueAddsRightAfterAPushThatDeletedOneIsStillTheirs() {
        run("fetch", "--target", "sales");
        String file = read(file("sales.yaml"));
        int start = file.indexOf("  - title: large_order");
        java.util.regex.Matcher following = java.util.regex.Pattern.compile("(?m)^(  - title:|\\S)").matcher(file);
        int end = following.find(start + 1) ? following.start() : file.length();
        write(file("sales.yaml"), file.substring(0, start) + file.substring(end));
        server.answerWrites((sent, stored) -> (ObjectNode) json("{}"));
        colleagueSavesAfterThe("PATCH", () -> ((com.fasterxml.jackson.databind.node.ArrayNode) server.agent("agt_123").get("categories"))
                .add(json("{\"title\":\"warranty\",\"criteria\":\"The user claims a warranty repair.\"}")));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("the remote changed right after the write").contains("warranty");
        server.beforeAnswer(x -> { });
        edit(file("sales.yaml"), "human_handoff", "human_handoff");
        var next = run("push", "--target", "sales", "--yes", "--dry-run");
        assertThat(next.exitCode()).as(next.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.agent("agt_123").toString()).contains("warranty");
    }

    @Test
    void aDocumentedDefaultTheServerFillsInOnTheWriteIsNoColleaguesChange() {
        fetchAndEditSales();
        server.answerWrites((sent, stored) -> (ObjectNode) json("{}"));
        server.onStore(doc -> {
            doc.path("categories").forEach(c -> {
                if (!c.has("disableAI")) {
                    ((ObjectNode) c).put("disableAI", false);
                }
            });
            return doc;
        });

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("changed right after the write");
    }
    private void renameCategory(String from, String to) {
        server.agent("agt_123").path("categories").forEach(c -> {
            if (c.path("title").asText().equals(from)) {
                ((ObjectNode) c).put("title", to);
            }
        });
    }

    @Test
    void aColleagueRenamingTheCategoryThePushEditedRightAfterTheWriteIsStillTheirs() {
        fetchAndEditSales(); // edits large_order's criteria
        server.answerWrites((sent, stored) -> (ObjectNode) json("{}"));
        colleagueSavesAfterThe("PATCH", () -> renameCategory("large_order", "wholesale"));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        // the category's secrets were stored as sent: the state the write left holds them, not the diff's hidden form
        assertThat(r.out()).contains("the remote changed right after the write").doesNotContain("stored secret differs");
        server.beforeAnswer(x -> { });
        var next = run("push", "--target", "sales", "--yes");
        assertThat(next.exitCode()).as(next.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.agent("agt_123").toString()).contains("wholesale");
    }

    @Test
    void aSwitchAColleagueTurnsOnRightAfterTheWriteIsTheirsAndAnUndocumentedKeyTheServers() {
        server.agent("agt_123").path("categories").forEach(c -> ((ObjectNode) c).remove("disableAI"));
        fetchAndEditSales();
        server.answerWrites((sent, stored) -> (ObjectNode) json("{}"));
        colleagueSavesAfterThe("PATCH", () -> server.agent("agt_123").path("categories").forEach(c -> {
            if (c.path("title").asText().equals("human_handoff")) {
                ((ObjectNode) c).put("disableAI", true).put("notes_for_agents", "call back within the hour");
            }
        }));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String after = r.out().substring(r.out().indexOf("the remote changed right after the write"));
        assertThat(after).contains("disableAI").doesNotContain("notes_for_agents");
        server.beforeAnswer(x -> { });
        assertThat(run("push", "--target", "sales", "--yes").exitCode()).isEqualTo(ExitCode.CONFLICT);
    }
}
