package dev.handoff.queue.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handoff.queue.QueueJson;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;

/** Posts the chat message to an incoming webhook; any 2xx is delivered. */
final class WebhookSender implements Sender {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Enough of an error answer to see why (Slack's are one word: no_service, invalid_token). */
    private static final int ERROR_BODY_CHARS = 200;

    private final NotifyConfig.Webhook channel;
    private final dev.handoff.secret.Redactor urlSecrets;
    private final OkHttpClient http;
    private final Duration timeout;

    /** What is read of an error answer's body, of which the log keeps {@link #ERROR_BODY_CHARS} characters. */
    static final long ERROR_BODY_READ = 16 * 1024;

    WebhookSender(NotifyConfig.Webhook channel, Duration timeout) {
        this.channel = channel;
        this.urlSecrets = new dev.handoff.secret.Redactor();
        NotifySecrets.url(channel.url().value()).forEach(urlSecrets::add);
        this.timeout = timeout;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                // a retry is the outbox's decision, with backoff; never a silent second POST
                .retryOnConnectionFailure(false)
                // no connection is kept between alerts: OkHttp only probes a pooled connection idle for
                // over 10 s, so one the chat server closed sooner (HTTP/1.0, a short keep-alive) failed
                // the next alert before it was sent. One TCP handshake per alert is cheap.
                .connectionPool(new okhttp3.ConnectionPool(0, 1, java.util.concurrent.TimeUnit.SECONDS))
                .followRedirects(false)
                .build();
    }

    @Override
    public void send(Notice notice) throws DeliveryException {
        String body;
        try {
            body = QueueJson.mapper().writeValueAsString(SlackPayload.of(notice, channel.blocks()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Request request = new Request.Builder().url(channel.url().value()).post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            if (response.isSuccessful()) {
                return;
            }
            // only the start of an error page is read: read whole, a 400 MB one took the inbox down (out of memory) and
            // again after each restart. Masked whole, then cut: a secret the cut went through would no longer be recognised
            String answer = urlSecrets.redact(response.peekBody(ERROR_BODY_READ).string());
            answer = Notices.clean(answer, ERROR_BODY_CHARS);
            throw new DeliveryException("HTTP " + response.code() + (answer == null ? "" : ": " + answer), null);
        } catch (IOException e) {
            throw new DeliveryException(words(e), e);
        }
    }

    /** Host and port only: the webhook's path is its secret and never goes into a log or outbox row. */
    private String words(IOException e) {
        okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(channel.url().value());
        String where = url == null ? "the webhook" : url.host() + ":" + url.port();
        String what = dev.handoff.error.IoWords.describe(e);
        if (what.equals("timed out")) {
            return "posting to " + where + " timed out after " + timeout.toSeconds() + " s";
        }
        return (dev.handoff.error.IoWords.notConnected(e) ? "could not connect to " : "could not post to ") + where + ": " + what;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
