package dev.handoff.classify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * @param verdictFiles the verdict files {@code --classifier recorded} reads (beside the configuration)
 * @param notices     one-line notes for the user while the run goes on (a long wait the server asked for), on stderr
 * @param requestLog  with --verbose, a line per request to a model server and one per answer; null for none
 */
public record ClassifierOptions(Path cacheDir, String ollamaUrl, String model, int concurrency, Duration timeout,
                                boolean useCache, ChatServer chatServer, List<Path> verdictFiles,
                                java.util.function.Consumer<String> notices, java.util.function.Consumer<String> requestLog) {

    public ClassifierOptions {
        chatServer = chatServer == null ? ChatServer.DEFAULT : chatServer;
        verdictFiles = verdictFiles == null ? List.of() : List.copyOf(verdictFiles);
        notices = notices == null ? note -> { } : notices;
    }

    public ClassifierOptions(Path cacheDir, String ollamaUrl, String model, int concurrency, Duration timeout,
                             boolean useCache, ChatServer chatServer, List<Path> verdictFiles) {
        this(cacheDir, ollamaUrl, model, concurrency, timeout, useCache, chatServer, verdictFiles, null, null);
    }

    public ClassifierOptions(Path cacheDir, String ollamaUrl, String model, int concurrency, Duration timeout, boolean useCache,
                             ChatServer chatServer) {
        this(cacheDir, ollamaUrl, model, concurrency, timeout, useCache, chatServer, List.of());
    }

    public ClassifierOptions(Path cacheDir, String ollamaUrl, String model, int concurrency, Duration timeout, boolean useCache) {
        this(cacheDir, ollamaUrl, model, concurrency, timeout, useCache, ChatServer.DEFAULT, List.of());
    }

    public ClassifierOptions withVerdictFiles(List<Path> files) {
        return new ClassifierOptions(cacheDir, ollamaUrl, model, concurrency, timeout, useCache, chatServer, files, notices, requestLog);
    }

    public ClassifierOptions withNotices(java.util.function.Consumer<String> to) {
        return new ClassifierOptions(cacheDir, ollamaUrl, model, concurrency, timeout, useCache, chatServer, verdictFiles, to, requestLog);
    }

    public ClassifierOptions withRequestLog(java.util.function.Consumer<String> to) {
        return new ClassifierOptions(cacheDir, ollamaUrl, model, concurrency, timeout, useCache, chatServer, verdictFiles, notices, to);
    }

    /** Logs one request and its outcome when --verbose asked for it. */
    public void logRequest(String line) {
        if (requestLog != null) {
            requestLog.accept(line);
        }
    }
}
