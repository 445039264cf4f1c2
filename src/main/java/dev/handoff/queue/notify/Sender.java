package dev.handoff.queue.notify;

/** Delivers a notice on one channel; one attempt per call, the outbox decides about retries. */
sealed interface Sender extends AutoCloseable permits WebhookSender, SmtpSender {

    /** @throws DeliveryException when this attempt failed; its message may hold a secret until redacted */
    void send(Notice notice) throws DeliveryException;

    @Override
    void close();

    /** One failed attempt. */
    final class DeliveryException extends Exception {
        DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Sender of(NotifyConfig.Channel channel, NotifyConfig.Retry retry) {
        if (channel instanceof NotifyConfig.Webhook w) {
            return new WebhookSender(w, retry.timeout());
        }
        return new SmtpSender((NotifyConfig.Email) channel, retry.timeout());
    }
}
