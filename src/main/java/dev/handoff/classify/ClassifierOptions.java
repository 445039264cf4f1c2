package dev.handoff.classify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options from the command line that classifiers may use.
 *
 * @param cacheDir    where a classifier may keep its on-disk cache (under the user's cache directory)
 * @param ollamaUrl   base URL of the Ollama server
 * @param model       model name for Ollama
 * @param concurrency requests in flight at once
 * @param timeout     per request
 * @param useCache    false to ignore (but still refresh) caches
 * @param verdictFiles the verdict files {@code --classifier recorded} reads (beside the configuration)
 */
public record ClassifierOptions(Path cacheDir, String ollamaUrl, String model, int concurrency, Duration timeout,
                                boolean useCache, List<Path> verdictFiles) {

    public ClassifierOptions {
        verdictFiles = verdictFiles == null ? List.of() : List.copyOf(verdictFiles);
    }

    public ClassifierOptions(Path cacheDir, String ollamaUrl, String model, int concurrency, Duration timeout, boolean useCache) {
        this(cacheDir, ollamaUrl, model, concurrency, timeout, useCache, List.of());
    }

    public ClassifierOptions withVerdictFiles(List<Path> files) {
        return new ClassifierOptions(cacheDir, ollamaUrl, model, concurrency, timeout, useCache, files);
    }
}
