package dev.handoff.remote;

import dev.handoff.config.yaml.Yaml;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shell's test server: its options do what its usage says (src/test/shell/lost-update.sh relies on them). */
class VendorTestServerTest {

    private static final String TOKEN = "qc_test_VTS_31f0";
    private final OkHttpClient http = new OkHttpClient();

    private String get(FakeVendorServer server, String path) throws IOException {
        Request request = new Request.Builder().url(server.url() + path).header("Authorization", "Bearer " + TOKEN).build();
        try (Response response = http.newCall(request).execute()) {
            return response.code() + " " + response.header("ETag", "-") + " " + response.body().string();
        }
    }

    @Test
    void theDashboardEditLandsJustBeforeTheNthGet() throws IOException {
        var log = new ByteArrayOutputStream();
        var options = VendorTestServer.Options.parse(new String[] {"--dashboard-edit-before-get", "2", "--etags"});
        try (FakeVendorServer server = VendorTestServer.start(options, Map.of("HANDOFF_QUICKCHAT_TOKEN", TOKEN),
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            String first = get(server, FakeVendorServer.QUICKCHAT_PATH);
            String second = get(server, FakeVendorServer.QUICKCHAT_PATH);
            assertThat(first).startsWith("200 \"").doesNotContain(VendorTestServer.COLLEAGUE);
            assertThat(second).startsWith("200 \"").contains(VendorTestServer.COLLEAGUE);
            assertThat(first.split(" ")[1]).isNotEqualTo(second.split(" ")[1]);
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("GET " + FakeVendorServer.QUICKCHAT_PATH)
                .contains("a colleague added")
                .doesNotContain(TOKEN);
    }

    @Test
    void echoOnWriteRefusesWritesAndEchoesWhatWasSent() throws IOException {
        var options = VendorTestServer.Options.parse(new String[] {"--echo-on-write", "--token-env", "MY_TOKEN"});
        try (FakeVendorServer server = VendorTestServer.start(options, Map.of("MY_TOKEN", TOKEN), new PrintStream(new ByteArrayOutputStream()))) {
            Request put = new Request.Builder().url(server.url() + FakeVendorServer.QUICKCHAT_PATH)
                    .header("Authorization", "Bearer " + TOKEN)
                    .put(okhttp3.RequestBody.create("{\"secret\":\"whk_1\"}", okhttp3.MediaType.get("application/json")))
                    .build();
            try (Response response = http.newCall(put).execute()) {
                assertThat(response.code()).isEqualTo(400);
                var body = Yaml.json().readTree(response.body().string());
                assertThat(body.path("detail").asText()).contains(TOKEN);
                assertThat(body.path("echo").asText()).contains("whk_1");
            }
            assertThat(get(server, FakeVendorServer.QUICKCHAT_PATH)).doesNotContain("whk_1");
        }
    }

    @Test
    void withoutATokenInTheEnvironmentItSaysWhichVariableToSet() {
        var options = VendorTestServer.Options.parse(new String[] {"--token-env", "QC"});
        assertThatThrownBy(() -> VendorTestServer.start(options, Map.of(), new PrintStream(new ByteArrayOutputStream())))
                .hasMessageContaining("set QC");
        assertThatThrownBy(() -> VendorTestServer.Options.parse(new String[] {"--etag"}))
                .hasMessageContaining("unknown option --etag");
    }
}
