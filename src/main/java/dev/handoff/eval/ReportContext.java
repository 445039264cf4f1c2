package dev.handoff.eval;

import dev.handoff.config.EvaluationSettings.GateLimits;

import java.util.List;
import java.util.Map;

/**
 * What a report was made from: configuration, classifier and how replay ran. Written at the top
 * of every JSON report; {@code report merge} requires it to agree between shards.
 *
 * @param configHash          canonical hash of the configuration document ("sha256:...")
 * @param settingsFile        the local evaluation settings file, or null
 * @param criteria            every criterion of the configuration, in its order
 * @param routingProfiles     every routing profile (active or not)
 */
public record ReportContext(String configFile, String configHash, String provider, boolean handoffActive,
                            String settingsFile, String settingsHash,
                            List<CriterionInfo> criteria, List<ProfileInfo> routingProfiles,
                            boolean workingHoursActive, String workingHoursZone,
                            String classifierId, Map<String, String> classifierDescribe,
                            RunInfo run) {

    public record CriterionInfo(String name, String kind, boolean active, boolean deterministic, GateLimits limits) {
    }

    public record ProfileInfo(String name, boolean active) {
    }

    /**
     * @param shard      "I/N" or null
     * @param mergedFrom the shard reports a merged report was made from, else empty
     * @param inputDigest what a shard read ({@code TranscriptReader.inputDigest}), so that shards of
     *                    other versions of the transcripts are not merged; null when not a shard
     */
    public record RunInfo(List<String> inputs, boolean allTurns, int repeat, String shard, boolean keepGoing,
                          List<String> mergedFrom, String inputDigest) {

        public RunInfo(List<String> inputs, boolean allTurns, int repeat, String shard, boolean keepGoing, List<String> mergedFrom) {
            this(inputs, allTurns, repeat, shard, keepGoing, mergedFrom, null);
        }

        public RunInfo withInputDigest(String digest) {
            return new RunInfo(inputs, allTurns, repeat, shard, keepGoing, mergedFrom, digest);
        }
    }

    public List<String> activeRoutingProfiles() {
        return routingProfiles.stream().filter(ProfileInfo::active).map(ProfileInfo::name).toList();
    }

    public boolean routingActive() {
        return !activeRoutingProfiles().isEmpty();
    }

    public CriterionInfo criterion(String name) {
        return criteria.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    public ReportContext withClassifierDescribe(Map<String, String> describe) {
        return new ReportContext(configFile, configHash, provider, handoffActive, settingsFile, settingsHash, criteria,
                routingProfiles, workingHoursActive, workingHoursZone, classifierId, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(describe)), run);
    }

    public ReportContext withRun(RunInfo run) {
        return new ReportContext(configFile, configHash, provider, handoffActive, settingsFile, settingsHash, criteria,
                routingProfiles, workingHoursActive, workingHoursZone, classifierId, classifierDescribe, run);
    }
}
