package dev.handoff.classify.llm;

import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every LLM classifier does with a batch of turns: one question per distinct prompt (two
 * transcripts with the same conversation so far are asked once), cached answers first, the rest
 * asked concurrently, and the verdicts handed back in turn order. The server-specific parts (the
 * cache key, reading a cached reply, one request with its retries) come in as functions.
 */
public final class TurnBatch {

    private TurnBatch() {
    }

    /** One request for one prompt, with the server's own retries. */
    @FunctionalInterface
    public interface Asker {
        Verdict ask(String key, PromptMessages messages) throws Exception;
    }

    /**
     * @param cached  the verdict a cached reply gives, or null to ask (no entry, cache off, stale entry)
     * @param fatal   the error that already ended the run, if any: it is thrown instead of the one a
     *                later request failed with, so the user reads the cause
     * @param server  what is being waited for, for the interruption message
     */
    public static List<Verdict> answer(List<TurnRequest> turns, ConversationPrompt prompt, Function<PromptMessages, String> keyOf,
                                       Function<String, Verdict> cached, ExecutorService workers,
                                       Asker ask, Supplier<HandoffException> fatal,
                                       String server) {
        Map<String, PromptMessages> byKey = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(turns.size());
        for (TurnRequest t : turns) {
            PromptMessages messages = prompt.messages(t);
            String key = keyOf.apply(messages);
            keys.add(key);
            byKey.putIfAbsent(key, messages);
        }
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        Map<String, Future<Verdict>> pending = new LinkedHashMap<>();
        for (Map.Entry<String, PromptMessages> e : byKey.entrySet()) {
            Verdict v = cached.apply(e.getKey());
            if (v != null) {
                verdicts.put(e.getKey(), v);
            } else {
                pending.put(e.getKey(), workers.submit(() -> ask.ask(e.getKey(), e.getValue())));
            }
        }
        collect(pending, verdicts, fatal, server);
        List<Verdict> out = new ArrayList<>(keys.size());
        keys.forEach(k -> out.add(verdicts.get(k)));
        return out;
    }

    private static void collect(Map<String, Future<Verdict>> pending, Map<String, Verdict> verdicts,
                                Supplier<HandoffException> fatal, String server) {
        try {
            for (Map.Entry<String, Future<Verdict>> f : pending.entrySet()) {
                verdicts.put(f.getKey(), f.getValue().get());
            }
        } catch (ExecutionException e) {
            pending.values().forEach(f -> f.cancel(true));
            HandoffException first = fatal.get();
            if (first != null) {
                throw first;
            }
            if (e.getCause() instanceof HandoffException he) {
                throw he;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            pending.values().forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + server);
        }
    }
}
