package dev.handoff.queue.notify;

import java.time.Duration;

/** Sends the notice as an e-mail over SMTP (Eclipse Angus Mail). */
final class SmtpSender implements Sender {

    private final NotifyConfig.Email channel;
    private final Duration timeout;

    SmtpSender(NotifyConfig.Email channel, Duration timeout) {
        this.channel = channel;
        this.timeout = timeout;
    }

    @Override
    public void send(Notice notice) throws DeliveryException {
        throw new DeliveryException("e-mail is not wired yet", null);
    }

    @Override
    public void close() {
    }
}
