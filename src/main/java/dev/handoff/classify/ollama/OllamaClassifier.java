package dev.handoff.classify.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.classify.llm.RetryPolicy;
import dev.handoff.classify.llm.ConversationPrompt;
import dev.handoff.classify.llm.LostTurns;
import dev.handoff.classify.llm.PromptMessages;
import dev.handoff.classify.llm.ReplyCache;
import dev.handoff.classify.llm.ReplyParser;
import dev.handoff.classify.llm.TurnBatch;
import dev.handoff.config.Criterion;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The faithful classifier: one chat request per user turn asks a local model, through Ollama,
 * which of the active criteria are met and which routing profile fits, with a JSON-schema
 * constrained reply, temperature 0 and a fixed seed. Replies are cached on disk by everything
 * that can change them (docs/classifiers.md).
 */
final class OllamaClassifier implements Classifier {

    static final String DEFAULT_URL = "http://localhost:11434";
    /** Used when --model is not given: small enough for a laptop, reliable with JSON-schema output. */
    static final String DEFAULT_MODEL = "llama3.1:8b";
    static final int SEED = 42;
    static final double TEMPERATURE = 0.0;
    /** A reply is a short list, a name and one sentence; this only stops a model that rambles. */
    static final int MAX_REPLY_TOKENS = 512;

    private final List<Criterion> asked;
    private final ConversationPrompt prompt;
    private final String url;
    private final String modelName;
    private final ClassifierOptions options;
    private final RetryPolicy backoff;
    private final Duration timeout;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong turns = new AtomicLong();
    private final LostTurns lostTurns = new LostTurns();
    /** The first error that ends the run: once set, no worker sends anything more. */
    private final java.util.concurrent.atomic.AtomicReference<HandoffException> fatal = new java.util.concurrent.atomic.AtomicReference<>();

    private volatile Session session;

    /** What is set up on first use: the model's digest, the client, the cache and the workers. */
    private record Session(String digest, OllamaChatModel chat, OkHttpOllamaClient.Builder http, ReplyCache cache,
                           ExecutorService workers) {
    }

    OllamaClassifier(HandoffConfig config, ClassifierOptions options, RetryPolicy backoff) {
        this.asked = ConversationPrompt.askedCriteria(config);
        this.prompt = new ConversationPrompt(asked, config.activeRoutingProfiles());
        this.url = stripSlash(options.ollamaUrl() == null || options.ollamaUrl().isBlank() ? DEFAULT_URL : options.ollamaUrl());
        if (!(url.startsWith("http://") || url.startsWith("https://")) || okhttp3.HttpUrl.parse(url) == null) {
            throw dev.handoff.error.HandoffException.usage("--ollama-url '" + redactedUrl(url) + "' is not an http(s) URL with a valid host and port",
                    "e.g. --ollama-url http://localhost:11434");
        }
        int query = url.indexOf('?') >= 0 ? url.indexOf('?') : url.indexOf('#');
        if (query >= 0) {
            // paths are appended to it (/api/chat): a query string would break them and end up in every message
            throw dev.handoff.error.HandoffException.usage("--ollama-url '" + redactedUrl(url.substring(0, query))
                    + "' carries a query string or fragment", "pass the server's address alone, e.g. --ollama-url http://localhost:11434");
        }
        this.modelName = options.model() == null || options.model().isBlank() ? DEFAULT_MODEL : options.model();
        this.options = options;
        this.backoff = backoff;
        this.timeout = options.timeout() == null ? Duration.ofSeconds(120) : options.timeout();
    }

    @Override
    public String id() {
        return OllamaClassifierFactory.ID;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("url", redactedUrl(url));
        d.put("model", String.valueOf(modelName));
        Session s = session;
        d.put("digest", s == null ? "(not asked yet)" : s.digest());
        d.put("temperature", Double.toString(TEMPERATURE));
        d.put("seed", Integer.toString(SEED));
        d.put("prompt", ConversationPrompt.VERSION + ", one request per user turn for " + asked.size() + " criteria"
                + (prompt.profileNames().isEmpty() ? "" : " and " + prompt.profileNames().size() + " routing profiles"));
        d.put("concurrency", Integer.toString(concurrency()));
        d.put("cache", s == null ? "(not opened)" : (s.cache().file() == null ? "this run only" : "kept on disk in the cache directory (ollama/replies.db)")
                + (options.useCache() ? "" : ", not read (refreshing)"));
        return d;
    }

    @Override
    public Map<String, String> statistics() {
        Map<String, String> st = new LinkedHashMap<>();
        st.put("turns", Long.toString(turns.get()));
        st.put("requests", Long.toString(requests.get()));
        st.put("retries", Long.toString(retries.get()));
        st.put("invalid", Long.toString(invalid.get()));
        Session s = session;
        st.put("cache hits", s == null ? "0" : Long.toString(s.cache().hits()));
        return st;
    }

    @Override
    public List<Verdict> classify(List<TurnRequest> turnRequests) {
        return classify(turnRequests, answered -> { });
    }

    @Override
    public List<Verdict> classify(List<TurnRequest> turnRequests, IntConsumer answered) {
        List<Verdict> out = new ArrayList<>(turnRequests.size());
        if (asked.isEmpty()) {
            turnRequests.forEach(t -> out.add(Verdict.Decision.none()));
            return out;
        }
        Session s = session();
        List<Verdict> verdicts = TurnBatch.answer(turnRequests, prompt, messages -> key(s.digest(), messages.user()), key -> {
            String cached = options.useCache() ? s.cache().get(key) : null;
            return cached == null ? null : ReplyParser.parse(cached, prompt);
        }, s.workers(), (key, messages) -> {
            try {
                return ask(s, key, messages);
            } catch (HandoffException e) {
                fatal.compareAndSet(null, e);
                throw e;
            }
        }, fatal::get, "Ollama", answered);
        for (Verdict v : verdicts) {
            if (v instanceof Verdict.Invalid) {
                invalid.incrementAndGet();
            }
            out.add(v);
        }
        turns.addAndGet(turnRequests.size());
        return out;
    }

    /** One request with retries; fatal failures end the run, exhausted transient ones are invalid output. */
    private Verdict ask(Session s, String key, PromptMessages messages) {
        Failure last = null;
        Duration asked = null;
        for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
            if (attempt > 1) {
                retries.incrementAndGet();
                Duration wait = backoff.delayBefore(attempt);
                if (asked != null && WaitAsked.capped(asked).compareTo(wait) > 0) {
                    wait = WaitAsked.capped(asked);
                    options.notices().accept("Ollama at " + redactedUrl(url) + " asked to wait " + asked.toSeconds() + " s ("
                            + last.detail() + ", Retry-After); waiting " + wait.toSeconds() + " s"
                            + (wait.equals(asked) ? "" : " (the most handoff waits per attempt)") + " before attempt " + attempt
                            + " of " + backoff.attempts());
                }
                sleep(wait);
            }
            HandoffException stop = fatal.get();
            if (stop != null) {
                throw stop; // the run is over: a worker that already took the next turn sends nothing
            }
            long started = System.nanoTime();
            String outcome = "failed";
            try {
                requests.incrementAndGet();
                options.logRequest("> POST " + chatUrl());
                String content = s.chat().chat(ChatRequest.builder()
                        .messages(SystemMessage.from(messages.system()), UserMessage.from(messages.user()))
                        .build()).aiMessage().text();
                outcome = "answered";
                String reply = content == null ? "" : content;
                s.cache().put(key, modelName, s.digest(), reply);
                lostTurns.answered();
                return ReplyParser.parse(reply, prompt);
            } catch (RuntimeException e) {
                last = Failure.of(e);
                asked = waitAsked(e);
                if (!last.isTransient()) {
                    throw fatal(last);
                }
            } finally {
                options.logRequest("< " + outcome + " POST " + chatUrl() + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
            }
        }
        if (last.kind() == Failure.Kind.REFUSED) {
            throw fatal(last);
        }
        Failure gone = last;
        lostTurns.lost(() -> "Ollama at " + redactedUrl(url) + " stopped answering: " + LostTurns.IN_A_ROW
                + " turns in a row got no reply after " + backoff.attempts() + " attempts each (" + gone.detail() + ")", s.cache().file() != null);
        return new Verdict.Invalid("no reply after " + backoff.attempts() + " attempts: " + last.detail(), "");
    }

    private HandoffException fatal(Failure f) {
        String where = redactedUrl(url);
        return switch (f.kind()) {
            case REFUSED -> HandoffException.remote("cannot reach Ollama at " + where + ": connection refused",
                    "start it with `ollama serve`, or point --ollama-url at a running server", null);
            case MODEL_NOT_FOUND -> HandoffException.usage("Ollama at " + where + " has no model '" + modelName + "' (" + f.detail() + ")",
                    "run `ollama pull " + modelName + "`, or pass --model with a name from `ollama list`");
            case AUTH -> HandoffException.auth("Ollama at " + where + " refused the request (" + f.detail() + ")",
                    "check the proxy or credentials in front of the Ollama server");
            case REDIRECTED -> HandoffException.remote("Ollama at " + where + " answered " + f.detail(),
                    "point --ollama-url at the address Ollama itself answers on (curl " + where + "/api/tags lists its models)", null);
            case NOT_OLLAMA -> HandoffException.remote("the server at " + where + " does not answer as Ollama does (" + f.detail() + ")",
                    "check that --ollama-url points at Ollama itself (curl " + where + "/api/tags lists its models)", null);
            default -> HandoffException.remote("Ollama at " + where + " rejected the request (" + f.detail() + ")",
                    f.status() == 400 ? "structured output needs Ollama 0.5 or newer; run with --verbose for details"
                            : "run with --verbose for the request and its answer", null);
        };
    }

    private Session session() {
        Session s = session;
        if (s == null) {
            synchronized (this) {
                s = session;
                if (s == null) {
                    String digest = digest();
                    // --timeout bounds each attempt whole, the body too (OkHttpOllamaClient)
                    OkHttpOllamaClient.Builder http = OkHttpOllamaClient.builder();
                    OllamaChatModel chat = OllamaChatModel.builder()
                            .httpClientBuilder(http)
                            .baseUrl(url)
                            .modelName(modelName)
                            .temperature(TEMPERATURE)
                            .seed(SEED)
                            .numPredict(MAX_REPLY_TOKENS)
                            .responseFormat(ResponseFormat.builder()
                                    .type(ResponseFormatType.JSON)
                                    .jsonSchema(JsonSchema.builder()
                                            .name("handoff_decision")
                                            .rootElement(JsonRawSchema.from(json(prompt.schema())))
                                            .build())
                                    .build())
                            .timeout(timeout)
                            .maxRetries(0) // retries are ours: only transient failures, with backoff
                            .build();
                    ReplyCache cache = options.cacheDir() == null ? ReplyCache.inMemory()
                            : ReplyCache.open(options.cacheDir().resolve("ollama").resolve("replies.db"), "Ollama");
                    AtomicInteger n = new AtomicInteger();
                    ExecutorService workers = Executors.newFixedThreadPool(concurrency(), r -> {
                        Thread t = new Thread(r, "ollama-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    s = new Session(digest, chat, http, cache, workers);
                    session = s;
                }
            }
        }
        return s;
    }

    /** The digest of the model as the server has it, from {@code /api/tags}: a re-pulled model is a new model. */
    private String digest() {
        OkHttpOllamaClient.Builder http = OkHttpOllamaClient.builder();
        OllamaModels models = OllamaModels.builder().httpClientBuilder(http).baseUrl(url).timeout(timeout).maxRetries(0).build();
        try {
            return digest(models);
        } finally {
            if (http.built() != null) {
                http.built().close();
            }
        }
    }

    private String digest(OllamaModels models) {
        Failure last = null;
        for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
            if (attempt > 1) {
                sleep(backoff.delayBefore(attempt));
            }
            try {
                List<OllamaModel> available = models.availableModels().content();
                for (OllamaModel m : available) {
                    if (sameModel(m.getName(), modelName) || sameModel(m.getModel(), modelName)) {
                        return m.getDigest() == null ? "unknown" : m.getDigest();
                    }
                }
                throw fatal(new Failure(Failure.Kind.MODEL_NOT_FOUND, 404, "not in /api/tags"));
            } catch (HandoffException e) {
                throw e;
            } catch (RuntimeException e) {
                last = Failure.of(e);
                if (!last.isTransient()) {
                    throw fatal(last);
                }
            }
        }
        throw last.kind() == Failure.Kind.REFUSED ? fatal(last)
                : HandoffException.remote("Ollama at " + redactedUrl(url) + " did not list its models (" + last.detail() + ")",
                "check that the server is healthy: curl " + redactedUrl(url) + "/api/tags", null);
    }

    /** {@code llama3.1} and {@code llama3.1:latest} name the same model. */
    static boolean sameModel(String listed, String wanted) {
        if (listed == null || wanted == null) {
            return false;
        }
        return listed.equals(wanted) || listed.equals(wanted + ":latest") || wanted.equals(listed + ":latest");
    }

    /**
     * Everything that can change the reply: prompt version, model and digest, sampling settings,
     * the system prompt (all criteria and profiles wording), the schema and the conversation.
     */
    private String key(String digest, String conversation) {
        ObjectNode k = Yaml.json().createObjectNode();
        k.put("prompt_version", ConversationPrompt.VERSION);
        k.put("model", modelName);
        k.put("digest", digest);
        k.put("temperature", TEMPERATURE);
        k.put("seed", SEED);
        k.put("num_predict", MAX_REPLY_TOKENS);
        k.put("system", prompt.system());
        k.set("schema", prompt.schema());
        k.put("conversation", conversation);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(json(k).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private int concurrency() {
        return Math.max(1, options.concurrency());
    }

    private static String json(Object node) {
        try {
            return Yaml.json().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration waitAsked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WaitAsked w) {
                return w.waitAsked();
            }
        }
        return null;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting to retry");
        }
    }

    private static String stripSlash(String u) {
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** A URL may carry user:password for a proxy; reports never show it ({@link dev.handoff.secret.UrlRedaction}). */
    static String redactedUrl(String u) {
        return dev.handoff.secret.UrlRedaction.shown(u, false);
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null) {
            s.workers().shutdownNow();
            s.cache().close();
            if (s.http().built() != null) {
                s.http().built().close();
            }
        }
    }

    /** Where a chat goes, for --verbose: without a user or password the URL may carry. */
    private String chatUrl() {
        return redactedUrl(url).replaceAll("/+$", "") + "/api/chat";
    }
}
