package dev.handoff.queue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    private final PhoneNumbers international = new PhoneNumbers(null);
    private final PhoneNumbers germany = new PhoneNumbers("de");

    @Test
    void internationalNumbersBecomeE164WhateverTheirFormatting() {
        assertThat(international.normalise("+15551234567")).isEqualTo("+15551234567");
        assertThat(international.normalise("+1 (555) 123-4567")).isEqualTo("+15551234567");
        assertThat(international.normalise("+49 151 2345 6789")).isEqualTo("+4915123456789");
        assertThat(international.normalise(" +44 20 7946 0958 ")).isEqualTo("+442079460958");
    }

    @Test
    void nationalNumbersNeedTheDefaultRegion() {
        assertThat(germany.normalise("0151 23456789")).isEqualTo("+4915123456789");
        assertThat(germany.normalise("00 44 20 7946 0958")).isEqualTo("+442079460958");
        assertThat(international.normalise("0151 23456789")).isEqualTo("0151 23456789");
        assertThat(international.e164("0151 23456789")).isEmpty();
    }

    @Test
    void whatCannotBeUnderstoodIsKeptAsSent() {
        assertThat(international.normalise("call me maybe")).isEqualTo("call me maybe");
        assertThat(international.normalise("+1 555")).isEqualTo("+1 555");
        assertThat(international.e164("+1 555")).isEmpty();
        assertThat(international.e164("")).isEmpty();
        assertThat(international.e164(null)).isEmpty();
    }

    @Test
    void unknownRegionIsRefused() {
        assertThat(PhoneNumbers.isSupportedRegion("DE")).isTrue();
        assertThat(PhoneNumbers.isSupportedRegion("XX")).isFalse();
        assertThatThrownBy(() -> new PhoneNumbers("XX")).hasMessageContaining("XX");
    }

    @Test
    void whatsAppLinkUsesTheDigitsWithoutPlusAndAnEncodedGreeting() {
        assertThat(WhatsAppLink.of("+15551234567", WhatsAppLink.DEFAULT_GREETING)).isEqualTo(
                "https://api.whatsapp.com/send?phone=15551234567&text=Hi%2C%20I%27m%20taking%20over%20your%20request.");
        assertThat(WhatsAppLink.of("+4915123456789", "Hallo & grüß Gott?")).isEqualTo(
                "https://api.whatsapp.com/send?phone=4915123456789&text=Hallo%20%26%20gr%C3%BC%C3%9F%20Gott%3F");
        assertThat(WhatsAppLink.of("+4915123456789", "")).isEqualTo("https://api.whatsapp.com/send?phone=4915123456789");
        assertThatThrownBy(() -> WhatsAppLink.of("0151 23456789", "hi")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handoffJsonHasALinkOnlyForE164Numbers() {
        HandoffJson json = new HandoffJson(international, "Hi");
        assertThat(json.whatsappUrl("+15551234567")).isEqualTo("https://api.whatsapp.com/send?phone=15551234567&text=Hi");
        assertThat(json.whatsappUrl("0151 23456789")).isNull();
        assertThat(json.whatsappUrl("+1 555")).isNull();
        assertThat(json.whatsappUrl(null)).isNull();
    }
}
