package dev.handoff.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares a secret without handing its value to the diff: the caller holds the remote's clear
 * values (by JSON pointer) and the environment that resolves the local placeholders.
 */
@FunctionalInterface
public interface SecretComparator {

    /** @param remotePointer the secret's RFC 6901 pointer in the canonical remote document */
    Change.SecretState compare(String remotePointer, JsonNode localValue);

    /** True when the remote's value here is not the one the local file was fetched with (known from fingerprints). */
    default boolean changedOnRemote(String remotePointer) {
        return false;
    }

    /**
     * True when the remote holds a secret at this pointer. A secret told by its value (a URL with a
     * password) is a placeholder on both sides of the diff, which no longer shows what it is.
     */
    default boolean remoteHoldsSecret(String remotePointer) {
        return false;
    }

    /** When no clear values are at hand (two files with placeholders): nothing can be said. */
    SecretComparator NONE = (pointer, local) -> Change.SecretState.NOT_COMPARED;
}
