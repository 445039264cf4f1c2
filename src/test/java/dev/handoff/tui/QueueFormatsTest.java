package dev.handoff.tui;

import dev.handoff.queue.WhatsAppLink;
import dev.handoff.queue.Handoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.handoff.tui.Entries.T0;
import static dev.handoff.tui.Entries.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** The small formatters the queue views share: masked phones, waiting times, the WhatsApp link, the wire form. */
class QueueFormatsTest {

    @Test
    void phoneMaskKeepsTheLastDigitsAndThePunctuation() {
        assertThat(PhoneMask.mask("+1 (555) 123-4567", 4)).isEqualTo("+* (***) ***-4567");
        assertThat(PhoneMask.mask("+15551234567", 2)).isEqualTo("+*********67");
        assertThat(PhoneMask.mask("+15551234567", 0)).isEqualTo("+15551234567");
        assertThat(PhoneMask.mask(null, 3)).isNull();
        assertThat(PhoneMask.mask("12", 4)).isEqualTo("12");
    }

    @Test
    void durationsPrintCompactly() {
        assertThat(Durations.compact(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.compact(Duration.ofMinutes(12))).isEqualTo("12m");
        assertThat(Durations.compact(Duration.ofMinutes(185))).isEqualTo("3h05m");
        assertThat(Durations.compact(Duration.ofHours(52))).isEqualTo("2d04h");
        assertThat(Durations.compact(Duration.ofSeconds(-5))).isEqualTo("0s");
    }

    @Test
    void theWhatsAppLinkIsTheSeedsDeepLinkWithE164Digits() {
        assertThat(WhatsAppLink.forPhone("+1 (555) 123-4567"))
                .isEqualTo("https://api.whatsapp.com/send?phone=15551234567&text=Hi%2C%20I%27m%20taking%20over%20your%20request.");
        assertThat(WhatsAppLink.forPhone("unknown")).isNull();
        assertThat(WhatsAppLink.forPhone(null)).isNull();
    }

    @Test
    void theWireFormCarriesTheLinkBesideTheRecordsFields() {
        QueueEntry e = pending(1, "Alice", 10);
        var json = e.toJson();
        assertThat(json.path("whatsapp_url").asText()).isEqualTo(e.whatsappUrl());
        assertThat(json.path("phone_number").asText()).isEqualTo("+15550000001");
        assertThat(json.path("status").asText()).isEqualTo("pending");
        QueueEntry back = QueueEntry.fromJson(json);
        assertThat(back).isEqualTo(e);
        json.remove("whatsapp_url");
        assertThat(QueueEntry.fromJson(json).whatsappUrl()).isEqualTo(WhatsAppLink.forPhone("+15550000001"));
        Handoff h = back.handoff();
        assertThat(h.createdAt()).isEqualTo(T0.plusSeconds(600));
    }
}
