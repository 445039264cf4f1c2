package dev.handoff.classify.ollama;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.FormDataFile;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * langchain4j's HTTP client for the Ollama client, on OkHttp. The JDK client langchain4j ships
 * applies its timeout to the response headers only: a server that sent headers and then stalled,
 * or dripped a byte now and then, held a run forever. Here the per-attempt timeout (the builder's
 * read timeout, which the Ollama client sets from {@code --timeout}) is OkHttp's call timeout:
 * connecting, sending and reading the whole body. It keeps the JDK client's contract: a non-2xx
 * answer is an {@link HttpException} with status and body, a timeout a langchain4j
 * {@link dev.langchain4j.exception.TimeoutException}, other I/O errors (connection refused: a
 * {@link java.net.ConnectException}) the cause of an {@link UncheckedIOException}.
 */
final class OkHttpOllamaClient implements HttpClient {

    /** An Ollama chat reply or model list is kilobytes; a server sending more is not answering as Ollama does. */
    static final long MAX_BODY_BYTES = 8L << 20;

    /** The body read past {@link #MAX_BODY_BYTES}: Failure.of makes it NOT_OLLAMA, which ends the run. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(int status) {
            super("HTTP " + status + " with a body over " + (MAX_BODY_BYTES >> 20) + " MB");
        }
    }

    /**
     * A chat answered by what is not one finished Ollama reply: several JSON lines (a stream sent
     * although the request said {@code "stream": false}: a proxy, or a server that ignores the flag),
     * or {@code "done": false}. The client library read only the first chunk, whose half a JSON text
     * then counted, cached and recorded, as the model's own invalid verdict.
     */
    static final class NotOneReply extends IOException {
        NotOneReply(String what) {
            super(what);
        }
    }

    /** Ollama's non-streaming chat answer is one JSON object with {@code "done": true}. */
    static void requireOneReply(HttpRequest request, String body) throws NotOneReply {
        if (!request.url().endsWith("/api/chat") || body == null) {
            return;
        }
        int values = 0;
        com.fasterxml.jackson.databind.JsonNode first = null;
        try (com.fasterxml.jackson.databind.MappingIterator<com.fasterxml.jackson.databind.JsonNode> it =
                     dev.handoff.config.yaml.Yaml.json().readerFor(com.fasterxml.jackson.databind.JsonNode.class).readValues(body)) {
            while (it.hasNextValue() && values < 2) {
                com.fasterxml.jackson.databind.JsonNode v = it.nextValue();
                first = first == null ? v : first;
                values++;
            }
        } catch (IOException | RuntimeException notJson) {
            return; // not JSON at all: the library's own error says so
        }
        if (values > 1) {
            throw new NotOneReply("it answered a stream of JSON lines although the request asked for one reply (\"stream\": false)");
        }
        if (first != null && first.path("done").isBoolean() && !first.get("done").asBoolean()) {
            throw new NotOneReply("it answered an unfinished reply (\"done\": false) although the request asked for one whole reply");
        }
    }

    private final OkHttpClient http;
    /** For Server-Sent Events: a stream may rightly last longer than one call's timeout, so only silence is bounded. */
    private final OkHttpClient streaming;

    private OkHttpOllamaClient(Builder b) {
        Duration call = b.readTimeout == null ? Duration.ofSeconds(120) : b.readTimeout;
        Duration connect = b.connectTimeout == null ? call : b.connectTimeout;
        this.http = new OkHttpClient.Builder()
                .callTimeout(call.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(call.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(call.toMillis(), TimeUnit.MILLISECONDS)
                .connectTimeout(Math.min(connect.toMillis(), call.toMillis()), TimeUnit.MILLISECONDS)
                // a pooled connection the server closed as it was reused (a server that closes after each answer, as an
                // HTTP/1.0 one does) is tried again on a new one; without it, such a server's answers were lost on every run,
                // all attempts included. A request repeated is one more classification, never a second write.
                .retryOnConnectionFailure(true)
                // as the JDK client: a redirect is an answer (non-2xx), not followed
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.streaming = http.newBuilder().callTimeout(0, TimeUnit.MILLISECONDS).build();
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        try (Response response = http.newCall(toOkHttp(request)).execute()) {
            String body = read(response);
            if (response.isRedirect()) {
                // followRedirects(false): say where it points, without its query or credentials
                HttpUrl to = response.header("Location") == null ? null : response.request().url().resolve(response.header("Location"));
                throw new HttpException(response.code(), "a redirect" + (to == null ? "" : " to " + to.newBuilder().query(null)
                        .username("").password("").build()) + "; redirects are not followed");
            }
            if (!response.isSuccessful()) {
                java.time.Duration wait = WaitAsked.asked(response.code(), response.header("Retry-After"), java.time.Instant.now());
                throw wait == null ? new HttpException(response.code(), body) : new WaitAsked(response.code(), body, wait);
            }
            requireOneReply(request, body);
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.code())
                    .headers(response.headers().toMultimap())
                    .body(body)
                    .build();
        } catch (InterruptedIOException e) {
            throw new dev.langchain4j.exception.TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Request okRequest;
        try {
            okRequest = toOkHttp(request);
        } catch (RuntimeException e) {
            listener.onError(e);
            return;
        }
        streaming.newCall(okRequest).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                quietly(() -> listener.onError(e instanceof InterruptedIOException
                        ? new dev.langchain4j.exception.TimeoutException(e) : e));
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    if (!response.isSuccessful()) {
                        HttpException error = new HttpException(response.code(), read(response));
                        quietly(() -> listener.onError(error));
                        return;
                    }
                    SuccessfulHttpResponse opened = SuccessfulHttpResponse.builder()
                            .statusCode(response.code())
                            .headers(response.headers().toMultimap())
                            .build();
                    quietly(() -> listener.onOpen(opened));
                    try (InputStream events = response.body().byteStream()) {
                        parser.parse(events, listener);
                    }
                    quietly(listener::onClose);
                } catch (InterruptedIOException e) {
                    quietly(() -> listener.onError(new dev.langchain4j.exception.TimeoutException(e)));
                } catch (IOException | RuntimeException e) {
                    quietly(() -> listener.onError(e));
                }
            }
        });
    }

    /** The body as text, at most {@link #MAX_BODY_BYTES}: an error body is cut there, a successful one refused. */
    private static String read(Response response) throws IOException {
        BufferedSource source = response.body().source();
        boolean over = source.request(MAX_BODY_BYTES + 1);
        if (over && response.isSuccessful()) {
            throw new BodyTooLarge(response.code());
        }
        MediaType type = response.body().contentType();
        Charset charset = type == null ? null : type.charset();
        long size = Math.min(source.getBuffer().size(), MAX_BODY_BYTES);
        return source.getBuffer().readString(size, charset == null ? StandardCharsets.UTF_8 : charset);
    }

    private static Request toOkHttp(HttpRequest request) {
        Request.Builder b = new Request.Builder().url(request.url());
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            for (String value : h.getValue()) {
                b.addHeader(h.getKey(), value);
            }
        }
        RequestBody body = null;
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
            request.formDataFields().forEach(form::addFormDataPart);
            for (Map.Entry<String, FormDataFile> f : request.formDataFiles().entrySet()) {
                FormDataFile file = f.getValue();
                MediaType type = file.contentType() == null ? null : MediaType.parse(file.contentType());
                form.addFormDataPart(f.getKey(), file.fileName(), RequestBody.create(file.content(), type));
            }
            body = form.build();
        } else if (request.body() != null) {
            String contentType = request.headers().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("Content-Type") && !h.getValue().isEmpty())
                    .map(h -> h.getValue().get(0)).findFirst().orElse("application/json; charset=utf-8");
            body = RequestBody.create(request.body().getBytes(StandardCharsets.UTF_8), MediaType.parse(contentType));
        }
        String method = request.method().name();
        if (body == null && (method.equals("POST"))) {
            body = RequestBody.create(new byte[0], null);
        }
        return b.method(method, body).build();
    }

    /** As langchain4j's own clients: a listener that throws does not break the client. */
    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // the listener's own failure
        }
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** What the Ollama client configures: it sets both timeouts from {@code .timeout(...)}. */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout;
        private Duration readTimeout;
        private OkHttpOllamaClient built;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public OkHttpOllamaClient build() {
            built = new OkHttpOllamaClient(this);
            return built;
        }

        /** The client last built, to close with the classifier; null before. */
        OkHttpOllamaClient built() {
            return built;
        }
    }
}
