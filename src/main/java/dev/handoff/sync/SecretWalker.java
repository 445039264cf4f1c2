package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.config.Provider;
import dev.handoff.config.SecretNames;
import dev.handoff.diff.DiffPath;
import dev.handoff.diff.ListMatcher;
import dev.handoff.diff.SecretFields;
import dev.handoff.sync.Secrets.Secret;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Walks the remote and, in step, the local document, replacing secrets with placeholders ({@link Secrets#mask}). */
final class SecretWalker {
    private final Provider provider;
    private final String targetName;
    final List<Secret> secrets = new ArrayList<>();
    final List<String> variables = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();

    SecretWalker(Provider provider, String targetName) {
        this.provider = provider;
        this.targetName = targetName;
    }

    /** Names the local file uses anywhere are not handed out again for another place. */
    void collectLocalNames(JsonNode local) {
        if (local == null) {
            return;
        }
        if (local.isContainerNode()) {
            local.forEach(this::collectLocalNames);
        } else {
            String v = SecretFields.variable(local);
            if (v != null) {
                taken.add(v);
            }
        }
    }

    void walk(DiffPath path, JsonNode remote, JsonNode local) {
        if (remote.isObject()) {
            ObjectNode o = (ObjectNode) remote;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                DiffPath p = path.field(key);
                JsonNode value = o.get(key);
                JsonNode localValue = local != null && local.isObject() ? local.get(key) : null;
                if (SecretFields.isSecretValue(provider, p, value)) {
                    String variable = SecretFields.variable(localValue);
                    if (variable == null) {
                        variable = fresh(p);
                    }
                    secrets.add(new Secret(p.pointer(), p.display(), variable, value.deepCopy()));
                    variables.add(variable);
                    o.set(key, TextNode.valueOf(SecretFields.placeholder(variable)));
                } else {
                    walk(p, value, localValue);
                }
            }
        } else if (remote.isArray()) {
            ListMatcher.Result m = local != null && local.isArray() ? ListMatcher.match(remote, local, true) : null;
            JsonNode[] counterparts = new JsonNode[remote.size()];
            if (m != null) {
                for (ListMatcher.Pair pair : m.pairs()) {
                    counterparts[pair.remote()] = local.get(pair.local());
                }
            }
            ListMatcher.Labeler labels = ListMatcher.labeler(remote);
            for (int i = 0; i < remote.size(); i++) {
                JsonNode counterpart = counterparts[i];
                String[] label = labels.label(remote.get(i), null, i);
                walk(path.item(label[0], label[1], i), remote.get(i), counterpart);
            }
        }
    }

    /** PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY: provider, target, then the names along the path ({@link SecretNames}). */
    private String fresh(DiffPath path) {
        List<String> names = new ArrayList<>();
        boolean webhookHeader = SecretFields.isWebhookHeader(provider, path);
        for (int i = 0; i < path.segments().size(); i++) {
            DiffPath.Segment s = path.segments().get(i);
            if (webhookHeader && (i == 0 || i == 2 || i == 3)) {
                continue; // categories / webhook / headers say nothing the name needs
            }
            if (s instanceof DiffPath.Field f) {
                names.add(f.name());
            } else if (s instanceof DiffPath.Item item) {
                names.add(item.value());
            }
        }
        String base = SecretNames.derive(provider, targetName, names);
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + "_" + n;
        }
        taken.add(name);
        return name;
    }
}
