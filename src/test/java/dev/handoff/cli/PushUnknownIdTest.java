package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Push checks the file's ids against the remote it has just read, before asking or writing anything. */
class PushUnknownIdTest extends RemoteCliFixture {

    @Test
    void anIdTheRemoteDoesNotKnowIsRefusedWithItsLineAndColumnAndNothingIsSent() {
        run("fetch");
        String text = read(file("support.yaml"));
        assertThat(text).contains("  - id: 29\n    name: Billing\n");
        write(file("support.yaml"), text.replace("  - id: 29\n    name: Billing\n", "  - id: 99\n    name: Billing\n"));
        int line = (int) text.substring(0, text.indexOf("  - id: 29\n")).lines().count() + 1;

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.err()).as(r.toString())
                .contains("guidelines/support.yaml:" + line + ":9: error: routing_profiles[name=Billing].id: "
                        + "id 99 is not an id the remote has (it has 29, 30, 31)\n")
                .contains("remove the id line to create the item anew")
                .contains("1 id the remote does not know (listed above); nothing was sent");
        assertThat(server.methods()).containsExactly("GET", "GET").doesNotContain("PUT");
    }

    @Test
    void anItemWithoutIdIsNewAndPasses() {
        run("fetch");
        String text = read(file("support.yaml"));
        write(file("support.yaml"), text.replace("  - id: 29\n    name: Billing\n", "  - name: Billing\n")
                .replace("Invoices", "Invoices (all currencies)"));

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("not an id the remote has");
        assertThat(server.methods()).contains("PUT");
    }
}
