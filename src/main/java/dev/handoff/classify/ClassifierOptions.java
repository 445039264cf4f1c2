package dev.handoff.classify;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options from the command line that classifiers may use.
 *
 * @param cacheDir    where a classifier may keep its on-disk cache (under the user's cache directory)
 * @param ollamaUrl   base URL of the Ollama server
 * @param model       model name for Ollama
 * @param concurrency requests in flight at once
 * @param timeout     per request
 * @param useCache    false to ignore (but still refresh) caches
 */
public record ClassifierOptions(Path cacheDir, String ollamaUrl, String model, int concurrency, Duration timeout,
                                boolean useCache) {
}
