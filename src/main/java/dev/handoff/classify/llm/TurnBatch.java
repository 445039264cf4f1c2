package dev.handoff.classify.llm;

import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntConsumer;
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
     * @param cached   the verdict a cached reply gives, or null to ask (no entry, cache off, stale entry)
     * @param fatal    the error that already ended the run, if any: it is thrown instead of the one a
     *                 later request failed with, so the user reads the cause
     * @param server   what is being waited for, for the interruption message
     * @param answered told, on the calling thread, how many of the turns have an answer so far
     */
    public static List<Verdict> answer(List<TurnRequest> turns, ConversationPrompt prompt, Function<PromptMessages, String> keyOf,
                                       Function<String, Verdict> cached, ExecutorService workers,
                                       Asker ask, Supplier<HandoffException> fatal,
                                       String server, IntConsumer answered) {
        Map<String, PromptMessages> byKey = new LinkedHashMap<>();
        Map<String, Integer> turnsOf = new HashMap<>();
        List<String> keys = new ArrayList<>(turns.size());
        for (TurnRequest t : turns) {
            PromptMessages messages = prompt.messages(t);
            String key = keyOf.apply(messages);
            keys.add(key);
            byKey.putIfAbsent(key, messages);
            turnsOf.merge(key, 1, Integer::sum);
        }
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        CompletionService<Map.Entry<String, Verdict>> asked = new ExecutorCompletionService<>(workers);
        List<Future<Map.Entry<String, Verdict>>> pending = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, PromptMessages> e : byKey.entrySet()) {
            Verdict v = cached.apply(e.getKey());
            if (v != null) {
                verdicts.put(e.getKey(), v);
                done += turnsOf.get(e.getKey());
            } else {
                pending.add(asked.submit(() -> Map.entry(e.getKey(), ask.ask(e.getKey(), e.getValue()))));
            }
        }
        if (done > 0) {
            answered.accept(done);
        }
        try {
            for (int i = 0; i < pending.size(); i++) {
                Map.Entry<String, Verdict> got = asked.take().get();
                verdicts.put(got.getKey(), got.getValue());
                done += turnsOf.get(got.getKey());
                answered.accept(done);
            }
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            HandoffException first = fatal.get();
            if (first != null) {
                throw first;
            }
            if (e.getCause() instanceof HandoffException he) {
                throw he;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            pending.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + server);
        }
        List<Verdict> out = new ArrayList<>(keys.size());
        keys.forEach(k -> out.add(verdicts.get(k)));
        return out;
    }
}
