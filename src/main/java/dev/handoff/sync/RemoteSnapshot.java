package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.remote.ConfigRemote;

/**
 * The remote document as read now: canonical with secrets in clear (memory only), masked with
 * the local file's placeholder names, and its version hash.
 *
 * @param exists false for a Plugit agent not created yet (then the documents are empty)
 */
record RemoteSnapshot(Provider provider, ObjectNode clear, Secrets.Masked masked, String version, boolean exists) {

    static RemoteSnapshot read(ConfigRemote remote, String targetName, JsonNode localDocument) {
        if (!remote.exists()) {
            ObjectNode empty = JsonNodeFactory.instance.objectNode();
            return new RemoteSnapshot(remote.provider(), empty, Secrets.mask(remote.provider(), targetName, empty, localDocument),
                    null, false);
        }
        ObjectNode doc = CanonicalForm.canonicalize(remote.provider(), remote.fetch());
        return new RemoteSnapshot(remote.provider(), doc, Secrets.mask(remote.provider(), targetName, doc, localDocument),
                Secrets.remoteVersion(remote.provider(), doc), true);
    }
}
