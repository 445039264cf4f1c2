package dev.handoff.classify;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options from the command line that classifiers may use.
 *
 * @param cacheDir    where a classifier may keep its on-disk cache (under the user's cache directory)
 * @param ollamaUrl   base URL of the Ollama server
 * @param model       model name for Ollama or an OpenAI-compatible server; null for the classifier's default
 * @param concurrency requests in flight at once (at most)
 * @param timeout     per request
 * @param useCache    false to ignore (but still refresh) caches
 * @param chatServer  how to reach an OpenAI-compatible server ({@code --classifier openai})
 */
public record ClassifierOptions(Path cacheDir, String ollamaUrl, String model, int concurrency, Duration timeout,
                                boolean useCache, ChatServer chatServer) {

    public ClassifierOptions {
        chatServer = chatServer == null ? ChatServer.DEFAULT : chatServer;
    }

    public ClassifierOptions(Path cacheDir, String ollamaUrl, String model, int concurrency, Duration timeout, boolean useCache) {
        this(cacheDir, ollamaUrl, model, concurrency, timeout, useCache, ChatServer.DEFAULT);
    }
}
