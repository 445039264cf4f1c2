package dev.handoff.queue.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Sends the notice as a plain-text e-mail over SMTP (Eclipse Angus Mail). One connection per
 * message: notifications are rare, and a fresh connection never inherits a half-broken one.
 * STARTTLS, when chosen, is required (a server that does not offer it is an error, never a
 * silent fall-back to plain text); TLS mode checks the server's certificate and name.
 */
final class SmtpSender implements Sender {

    /** The error is cut to this many characters, after masking. */
    private static final int ERROR_CHARS = 400;

    private final NotifyConfig.Email channel;
    private final Session session;
    private final String protocol;
    /** The password in the forms a server may echo it in (as sent, base64, AUTH PLAIN). */
    private final dev.handoff.secret.Redactor passwordForms = new dev.handoff.secret.Redactor();

    /**
     * Closes the socket of a send that outlived its deadline. The timeouts above bound each network
     * step; a server that answers a line every few seconds kept one send alive past the row's lease,
     * so a second inbox on the same database sent the mail again (and a third time).
     */
    private static final java.util.concurrent.ScheduledExecutorService DEADLINES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "handoff-smtp-deadline");
                t.setDaemon(true);
                return t;
            });

    /** The most one send may take: twice the step timeout, which the notify file keeps below the lease. */
    private final Duration deadline;

    SmtpSender(NotifyConfig.Email channel, Duration timeout) {
        this.channel = channel;
        this.deadline = timeout.multipliedBy(2);
        if (channel.password() != null) {
            NotifySecrets.password(channel.username(), channel.password().value()).forEach(passwordForms::add);
        }
        this.protocol = channel.tls() == NotifyConfig.TlsMode.TLS ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "host", channel.host());
        props.put(p + "port", Integer.toString(channel.port()));
        props.put(p + "auth", Boolean.toString(channel.username() != null));
        props.put(p + "connectiontimeout", Long.toString(timeout.toMillis()));
        props.put(p + "timeout", Long.toString(timeout.toMillis()));
        props.put(p + "writetimeout", Long.toString(timeout.toMillis()));
        switch (channel.tls()) {
            case STARTTLS -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            case TLS -> {
                props.put(p + "ssl.enable", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public void send(Notice notice) throws DeliveryException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(channel.from(), true));
            for (String to : channel.to()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            message.setSubject(notice.subject(), StandardCharsets.UTF_8.name());
            message.setText(notice.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            // lets a mail filter or a person tell two alerts about the same handoff apart from a duplicate
            message.setHeader("X-Handoff-Id", Long.toString(notice.handoffId()));
            message.saveChanges();
            java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
            try (Transport transport = session.getTransport(protocol)) {
                java.util.concurrent.ScheduledFuture<?> stop = DEADLINES.schedule(() -> {
                    late.set(true);
                    closeSocket(transport);
                }, deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                try {
                    if (channel.username() == null) {
                        transport.connect();
                    } else {
                        transport.connect(channel.host(), channel.port(), channel.username(), channel.password().value());
                    }
                    transport.sendMessage(message, message.getAllRecipients());
                } catch (MessagingException | RuntimeException e) {
                    if (late.get()) {
                        throw new DeliveryException(tooSlow(), e);
                    }
                    throw e;
                } finally {
                    stop.cancel(false);
                }
            } catch (MessagingException e) {
                if (late.get()) {
                    throw new DeliveryException(tooSlow(), e);
                }
                throw e;
            }
        } catch (MessagingException e) {
            throw new DeliveryException(describe(e), e);
        }
    }

    private String tooSlow() {
        return "mail to " + channel.host() + ":" + channel.port() + " took longer than " + deadline.toSeconds()
                + " s (twice retry.timeout) and was given up";
    }

    /**
     * Angus Mail keeps the connection's socket private and its methods synchronized (close() would
     * wait for the hanging send), so the socket itself is closed: the blocked read then fails.
     */
    static void closeSocket(Transport transport) {
        try {
            java.lang.reflect.Field socket = transport.getClass().getDeclaredField("serverSocket");
            socket.setAccessible(true);
            Object s = socket.get(transport);
            if (s instanceof java.net.Socket open) {
                open.close();
            }
        } catch (ReflectiveOperationException | RuntimeException | java.io.IOException e) {
            // a library that keeps it elsewhere: the step timeouts still end the send, later
        }
    }

    /**
     * A network failure in plain words with host and port; otherwise the chain of messages (the server's
     * reply is usually in the first one), on one line and without Java class names. Masked whole, then
     * cut: a password the cut went through would no longer be recognised, and its first characters
     * would reach the log and the outbox.
     */
    private String describe(Exception e) {
        String where = channel.host() + ":" + channel.port();
        if (dev.handoff.error.IoWords.notConnected(e)) {
            return "could not connect to " + where + ": " + passwordForms.redact(dev.handoff.error.IoWords.describe(e));
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                return "mail to " + where + " failed: "
                        + Notices.clean(passwordForms.redact(dev.handoff.error.IoWords.describe(t)), ERROR_CHARS);
            }
        }
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < ERROR_CHARS; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                b.append(b.length() > 0 ? " <- " : "").append(m.strip());
            }
        }
        String line = Notices.clean(passwordForms.redact(b.toString()), ERROR_CHARS);
        return line == null ? "mail to " + where + " failed" : line;
    }

    @Override
    public void close() {
        // one connection per message: nothing stays open
    }
}
