package dev.handoff.classify.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.classify.llm.AdaptiveLimiter;
import dev.handoff.classify.llm.RetryPolicy;
import dev.handoff.classify.llm.ConversationPrompt;
import dev.handoff.classify.llm.LostTurns;
import dev.handoff.classify.llm.PromptMessages;
import dev.handoff.classify.llm.ReplyCache;
import dev.handoff.classify.llm.TurnBatch;
import dev.handoff.classify.llm.ReplyParser;
import dev.handoff.config.Criterion;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * An OpenAI-compatible Chat Completions server as the classifier: one request per user turn,
 * the shared prompt ({@link ConversationPrompt}), temperature 0, a seed, strict json_schema
 * output (json_object where the server refuses it), replies cached on disk by prompt key and
 * model. 429s lower the concurrency instead of failing the run (see docs/classifier-openai.md).
 */
final class OpenAiClassifier implements Classifier {

    static final int SEED = 42;
    static final double TEMPERATURE = 0.0;
    static final int MAX_REPLY_TOKENS = 512;
    /** 429s for one turn before it is given up as invalid output. */
    static final int MAX_RATE_LIMITED = 30;
    /** 429s within this time of a halving are the same burst. */
    static final Duration CALM = Duration.ofSeconds(1);

    private final List<Criterion> asked;
    private final ConversationPrompt prompt;
    private final OpenAiSettings settings;
    private final ClassifierOptions options;
    private final RetryPolicy backoff;
    private final Accounting accounting = new Accounting();
    private final ServerErrors errors;
    private final RateLimitWaits waits;
    private final KeyMask keyMask;
    private final AtomicReference<Quirks> quirks = new AtomicReference<>(Quirks.FIRST);
    /** The first error that ends the run: once set, no worker sends anything more. */
    private final AtomicReference<HandoffException> fatal = new AtomicReference<>();
    private volatile Session session;
    /**
     * False until the server has answered one request (anything but a transport error): until
     * then requests go one at a time, so a server that refuses json_schema refuses it once.
     */
    private volatile boolean probed;
    private final Object probe = new Object();
    private final LostTurns lostTurns = new LostTurns();

    private record Session(ChatClient client, ReplyCache cache, ExecutorService workers, AdaptiveLimiter limiter) {
    }

    OpenAiClassifier(HandoffConfig config, OpenAiSettings settings, ClassifierOptions options, RetryPolicy backoff) {
        this.asked = ConversationPrompt.askedCriteria(config);
        this.prompt = new ConversationPrompt(asked, config.activeRoutingProfiles());
        this.settings = settings;
        this.options = options;
        this.backoff = backoff;
        this.errors = new ServerErrors(settings);
        this.waits = new RateLimitWaits(options.notices(), System::currentTimeMillis);
        this.keyMask = KeyMask.of(settings.key());
    }

    @Override
    public String id() {
        return OpenAiClassifierFactory.ID;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("base_url", Redaction.url(settings.baseUrl()));
        d.put("model", settings.model());
        d.put("api_key", settings.keyDescription());
        d.put("temperature", Double.toString(TEMPERATURE));
        d.put("seed", quirks.get().seed() ? Integer.toString(SEED) : "not sent (the server refused it)");
        String modes = accounting.modes();
        d.put("output", modes == null ? "(nothing asked yet)" : modes);
        d.put("prompt", ConversationPrompt.VERSION + ", one request per user turn for " + asked.size() + " criteria"
                + (prompt.profileNames().isEmpty() ? "" : " and " + prompt.profileNames().size() + " routing profiles")
                + ", instructions and criteria first, conversation last");
        d.put("concurrency", Integer.toString(settings.concurrency()));
        Session s = session;
        d.put("cache", s == null ? "(not opened)" : (s.cache().file() == null ? "this run only" : "kept on disk in the cache directory (openai/replies.db)")
                + (options.useCache() ? "" : ", not read (refreshing)"));
        d.put("usage", accounting.usage());
        if (settings.price() != null) {
            d.put("price", settings.price().toString());
            d.put("cost", accounting.cost(settings.price()));
        }
        return d;
    }

    @Override
    public Map<String, String> statistics() {
        Session s = session;
        return accounting.statistics(settings.price(), s == null ? settings.concurrency() : s.limiter().limit(),
                s == null ? settings.concurrency() : s.limiter().lowest());
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
        List<Verdict> verdicts = TurnBatch.answer(turnRequests, prompt, this::cacheKey, key -> {
            String cached = options.useCache() ? s.cache().get(key) : null;
            Verdict v = cached == null ? null : fromCache(key, cached);
            if (v != null) {
                accounting.cacheHits.incrementAndGet();
            }
            return v;
        }, s.workers(), (key, messages) -> ask(s, key, messages), fatal::get, settings.baseUrl(), answered);
        for (Verdict v : verdicts) {
            if (v instanceof Verdict.Invalid) {
                accounting.invalid.incrementAndGet();
            }
            out.add(v);
        }
        accounting.turns.addAndGet(turnRequests.size());
        return out;
    }

    /** The reply cache's key: the prompt key (the exact messages) and the model. */
    String cacheKey(PromptMessages messages) {
        String k = "openai\n" + settings.model() + "\n" + messages.key();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(k.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One turn, asked until answered: 429s wait as the server says and lower the concurrency;
     * 5xx, timeouts and dropped connections are retried with backoff, then given up as invalid
     * output; a 400 that names what the server does not accept is detected once and the request
     * sent without it; 401/403/404 and other 4xx end the run.
     */
    private Verdict ask(Session s, String key, PromptMessages messages) throws InterruptedException {
        try {
            if (!probed) {
                synchronized (probe) {
                    if (!probed) {
                        return askUntilAnswered(s, key, messages);
                    }
                }
            }
            return askUntilAnswered(s, key, messages);
        } catch (HandoffException e) {
            fatal.compareAndSet(null, e);
            throw e;
        }
    }

    private Verdict askUntilAnswered(Session s, String key, PromptMessages messages) throws InterruptedException {
        int failures = 0;
        int limited = 0;
        Duration waited = Duration.ZERO;
        while (true) {
            Quirks q = quirks.get();
            String body = ChatRequest.body(settings.model(), messages, prompt, q);
            ChatClient.Reply reply = null;
            IOException error = null;
            s.limiter().acquire();
            try {
                HandoffException stop = fatal.get();
                if (stop != null) {
                    throw stop;
                }
                accounting.requests.incrementAndGet();
                reply = s.client().post(body);
            } catch (IOException e) {
                error = e;
            } finally {
                s.limiter().release();
            }
            int status = reply == null ? 0 : reply.status();
            if (status >= 200 && status < 300) {
                probed = true; // the server takes what we send now
            }
            if (status >= 200 && status < 300) {
                s.limiter().succeeded();
                return answered(s, key, reply.body(), q.mode());
            }
            if (status == 429) {
                if (reply.body() != null && reply.body().contains("insufficient_quota")) {
                    throw HandoffException.remote(errors.where() + " answered 429 insufficient_quota: the account is out of credit",
                            "check the plan and billing of the account behind the key; waiting will not help", null);
                }
                accounting.rateLimited.incrementAndGet();
                s.limiter().rateLimited();
                if (++limited > MAX_RATE_LIMITED) {
                    return lost(s, "rate limited " + MAX_RATE_LIMITED + " times in a row (HTTP 429)");
                }
                Duration asked = RetryAfter.of(reply::header, Instant.now());
                Duration wait = asked != null ? asked : backoff.delayBefore(Math.min(limited + 1, 8));
                if (!waits.mayWait(wait, waited, errors.where())) {
                    return lost(s, "rate limited for more than " + RateLimitWaits.TURN_BUDGET.toMinutes() + " minutes (HTTP 429)");
                }
                waited = waited.plus(wait);
                accounting.retries.incrementAndGet();
                sleep(wait);
                continue;
            }
            if (status == 400) {
                Quirks next = q.after400(reply.body());
                if (next != null) {
                    quirks.compareAndSet(q, next);
                    continue;
                }
                if (quirks.get() != q) {
                    continue; // another worker already adapted; send again as it does now
                }
            }
            if (error != null || status == 408 || status >= 500) {
                failures++;
                if (failures >= backoff.attempts()) {
                    if (error instanceof ConnectException) {
                        throw HandoffException.remote("cannot reach " + errors.where() + ": connection refused",
                                "start the server, or point --base-url at a running one", null);
                    }
                    if (!probed) {
                        // not one reply yet: every other turn would wait as long again, one at a time
                        // behind this first request (hours for a server that hangs), to the same end
                        throw HandoffException.remote("no reply from " + errors.where() + " after " + failures + " attempts ("
                                        + (error != null ? describe(error) : "HTTP " + status + errors.serverMessage(reply.body())) + ")",
                                "check that the server is up and answering; --timeout sets how long each attempt waits", null);
                    }
                    return lost(s, "no reply after " + failures + " attempts: "
                            + (error != null ? describe(error) : "HTTP " + status + errors.serverMessage(reply.body())));
                }
                accounting.retries.incrementAndGet();
                sleep(backoff.delayBefore(failures + 1));
                continue;
            }
            throw errors.fatal(status, reply.body(), reply.header("location"));
        }
    }

    /**
     * A turn the server gave no answer for (no reply, only 429s, or something that is not a chat
     * completion): invalid output; three in a row with no answer between them end the run, since
     * every further turn would go the same way, at length (hours for a long replay).
     */
    private Verdict lost(Session s, String why) {
        lostTurns.lost(() -> errors.where() + " stopped answering: " + LostTurns.IN_A_ROW + " turns in a row got no answer (" + why + ")",
                s.cache().file() != null);
        return new Verdict.Invalid(why, "");
    }

    private Verdict answered(Session s, String key, String body, OutputMode mode) {
        JsonNode root;
        try {
            root = Yaml.json().readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.path("choices").isArray() || root.path("choices").isEmpty()) {
            // the server's failure (a proxy's HTML page, a cut or empty body), not the model's answer:
            // no raw reply, so --record does not commit it as the model's verdict
            return lost(s, "the server's reply is not a chat completion" + errors.serverMessage(body));
        }
        lostTurns.answered();
        JsonNode message = root.path("choices").get(0).path("message");
        Usage usage = Usage.of(root.get("usage"));
        accounting.asked.add(usage);
        // a server that echoes the key into the reply must not get it into the cache or a verdict file
        String content = withoutKey(message.path("content").isTextual() ? message.get("content").asText() : "");
        String refusal = message.path("refusal").isTextual() ? withoutKey(message.get("refusal").asText()) : null;
        ObjectNode entry = Yaml.json().createObjectNode();
        entry.put("content", content);
        if (refusal != null) {
            entry.put("refusal", refusal);
        }
        entry.put("mode", mode.id);
        entry.put("prompt_tokens", usage.prompt());
        entry.put("cached_tokens", usage.cached());
        entry.put("completion_tokens", usage.completion());
        Verdict v = verdict(content, refusal);
        if (!(v instanceof Verdict.Invalid)) {
            // an invalid reply is often the server's or a proxy's doing (no strict json_schema, a rewritten body): cached,
            // it kept every turn invalid after the server was fixed, without a request. The next run asks again
            s.cache().put(key, settings.model(), "-", json(entry));
        }
        accounting.used(key, usage, mode);
        return v;
    }

    private String withoutKey(String text) {
        return keyMask.apply(text);
    }

    private Verdict fromCache(String key, String cached) {
        try {
            JsonNode entry = Yaml.json().readTree(cached);
            Usage usage = new Usage(entry.path("prompt_tokens").asLong(0), entry.path("cached_tokens").asLong(0),
                    entry.path("completion_tokens").asLong(0));
            accounting.used(key, usage, OutputMode.byId(entry.path("mode").asText("")));
            return verdict(entry.path("content").asText(""), entry.path("refusal").isTextual() ? entry.get("refusal").asText() : null);
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable entry is asked again
        }
    }

    private Verdict verdict(String content, String refusal) {
        if (refusal != null && (content == null || content.isBlank())) {
            return new Verdict.Invalid("the model refused: " + refusal, "");
        }
        return ReplyParser.parse(content, prompt);
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private Session session() {
        Session s = session;
        if (s == null) {
            synchronized (this) {
                s = session;
                if (s == null) {
                    ChatClient client = new ChatClient(settings.baseUrl(), settings.key(), settings.keyHeader(), settings.timeout(),
                            settings.concurrency(), options::logRequest);
                    ReplyCache cache = options.cacheDir() == null ? ReplyCache.inMemory()
                            : ReplyCache.open(options.cacheDir().resolve("openai").resolve("replies.db"), "OpenAI-compatible");
                    AtomicInteger n = new AtomicInteger();
                    ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
                        Thread t = new Thread(r, "openai-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    s = new Session(client, cache, workers, new AdaptiveLimiter(settings.concurrency(), CALM));
                    session = s;
                }
            }
        }
        return s;
    }

    private static String json(Object node) {
        try {
            return Yaml.json().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null) {
            s.workers().shutdownNow();
            s.client().close();
            s.cache().close();
        }
    }
}
