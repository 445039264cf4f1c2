package dev.handoff.queue.notify;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.HandoffJson;
import dev.handoff.queue.PhoneNumbers;
import dev.handoff.queue.Status;
import dev.handoff.queue.WhatsAppLink;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a notification says, from a stored handoff and its raw event; visitor text can never break out of its line. */
class NoticesTest {

    private static final HandoffJson JSON = new HandoffJson(new PhoneNumbers(null), WhatsAppLink.DEFAULT_GREETING);

    private static NotifyConfig config(int lastMessages) {
        return new NotifyConfig(List.of(), null, lastMessages, NotifyConfig.Retry.DEFAULTS);
    }

    private static Handoff handoff(String name, String phone) {
        Instant at = Instant.parse("2025-09-19T12:34:56Z");
        return new Handoff(7, "agt_1", null, name, phone, "sum", "reason", at, at, Status.PENDING, null, at, 1);
    }

    @Test
    void aNameWithLineBreaksCannotAddAMailHeader() {
        Notice n = new Notices(config(5), JSON).of(handoff("Eve\r\nBcc: victim@example.com", "+15551234567"), null);
        assertThat(n.subject()).isEqualTo("🙋 Human Handoff Requested: Eve Bcc: victim@example.com (+15551234567)")
                .doesNotContain("\r", "\n");
        assertThat(n.text()).contains("Visitor: Eve Bcc: victim@example.com (+15551234567)\n");
    }

    @Test
    void withoutANameThePhoneIsTheVisitorAndANationalNumberGetsNoWhatsAppLink() {
        Notice n = new Notices(config(5), JSON).of(handoff(null, "0151 1234567"), null);
        assertThat(n.visitor()).isEqualTo("0151 1234567");
        assertThat(n.whatsapp()).isNull();
        assertThat(n.text()).doesNotContain("WhatsApp:").doesNotContain("Conversation:").doesNotContain("Last ");
    }

    @Test
    void lastMessagesAreTakenFromTheEventsMessagesAndLimitedAndZeroMeansNone() {
        byte[] raw = """
                {"messages": ["plain one", {"role": "bot", "content": "two"}, {"role": "operator", "text": "three"},
                              {"role": "weird\\nrole", "text": "four"}, 5, {"role": "user"}]}"""
                .getBytes(StandardCharsets.UTF_8);
        Notice three = new Notices(config(3), JSON).of(handoff("Jane", "+15551234567"), raw);
        assertThat(three.lastMessages()).containsExactly(new Notice.Message("weird role", "four"));
        Notice all = new Notices(config(6), JSON).of(handoff("Jane", "+15551234567"), raw);
        assertThat(all.lastMessages()).extracting(Notice.Message::who).containsExactly("Message", "AI", "Operator", "weird role");
        assertThat(new Notices(config(0), JSON).of(handoff("Jane", "+15551234567"), raw).lastMessages()).isEmpty();
        assertThat(new Notices(config(5), JSON).of(handoff("Jane", "+15551234567"), "{\"messages\":\"no\"}"
                .getBytes(StandardCharsets.UTF_8)).lastMessages()).isEmpty();
    }

    @Test
    void longTextIsCutWithAnEllipsisAndNeverSplitsAnEmoji() {
        assertThat(Notices.clean("a".repeat(250), 200)).hasSize(200).endsWith("…");
        String emojis = "🙋".repeat(150);
        String cut = Notices.clean(emojis, 200);
        assertThat(cut).endsWith("…");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
        assertThat(Notices.clean(" \t\n ", 10)).isNull();
    }
}
