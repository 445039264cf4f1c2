package dev.handoff.config;

import java.util.List;

/** A quickchat topic-based routing profile; not a criterion (it picks who, not whether). */
public record RoutingProfile(String name, String description, boolean active, List<Long> userIds) {
}
