package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.HandoffJson;
import dev.handoff.queue.QueueAction;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.Status;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.Page;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operators' queue API under {@code /api/handoffs}: list, get one, claim, release, resolve.
 * Authentication is done by the caller ({@link InboxServer}); the operator name in action bodies
 * is who the terminal says it is (one token per team, not per person).
 */
final class OperatorApi {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final int MAX_OPERATOR_LENGTH = 100;
    private static final int MAX_ACTION_BODY = 64 * 1024;
    private static final Pattern ONE = Pattern.compile("/api/handoffs/([0-9]{1,18})");
    private static final Pattern ACTION = Pattern.compile("/api/handoffs/([0-9]{1,18})/(claim|release|resolve)");

    private final InboxStore store;
    private final HandoffJson json;

    OperatorApi(InboxStore store, HandoffJson json) {
        this.store = store;
        this.json = json;
    }

    /** Answers the request when its path is one of the API's; false when it is not. */
    boolean handle(HttpExchange ex, String path) throws IOException {
        if (path.equals("/api/handoffs") || path.equals("/api/handoffs/")) {
            if (requireMethod(ex, "GET")) {
                list(ex);
            }
            return true;
        }
        Matcher one = ONE.matcher(path);
        if (one.matches()) {
            if (requireMethod(ex, "GET")) {
                get(ex, Long.parseLong(one.group(1)));
            }
            return true;
        }
        Matcher action = ACTION.matcher(path);
        if (action.matches()) {
            if (requireMethod(ex, "POST")) {
                act(ex, Long.parseLong(action.group(1)), QueueAction.valueOf(action.group(2).toUpperCase(Locale.ROOT)));
            }
            return true;
        }
        return false;
    }

    private void list(HttpExchange ex) throws IOException {
        if (Exchanges.refuseRepeatedParameter(ex)) {
            return;
        }
        Map<String, String> q = Exchanges.query(ex);
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        String status = q.get("status");
        if (status != null && status.isBlank()) {
            // 'status=' from a script whose variable was empty meant every status, resolved ones included
            Exchanges.error(ex, 400, "status is empty; leave it out for every status, or name some: pending, in_progress, resolved",
                    "status");
            return;
        }
        if (status != null) {
            for (String each : status.split(",")) {
                try {
                    statuses.add(Status.parse(each.strip()));
                } catch (IllegalArgumentException e) {
                    Exchanges.error(ex, 400, e.getMessage(), "status");
                    return;
                }
            }
        }
        int limit = DEFAULT_LIMIT;
        if (q.containsKey("limit")) {
            try {
                limit = Integer.parseInt(q.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                Exchanges.error(ex, 400, "limit must be a whole number from 1 to " + MAX_LIMIT, "limit");
                return;
            }
        }
        Page page;
        try {
            page = store.list(statuses, limit, emptyToNull(q.get("cursor")));
        } catch (InboxStore.InvalidCursorException e) {
            Exchanges.error(ex, 400, e.getMessage(), "cursor");
            return;
        }
        ObjectNode body = QueueJson.mapper().createObjectNode();
        ArrayNode items = body.putArray("items");
        page.items().forEach(h -> items.add(json.render(h)));
        body.put("next_cursor", page.nextCursor());
        body.put("seq", page.seq());
        body.put("position", EventStream.position(store, page.seq()));
        if (store.databaseId() != null) {
            // a client streams with it, so that another database behind the same URL is noticed
            body.put("database_id", store.databaseId());
        }
        Exchanges.json(ex, 200, body);
    }

    private void get(HttpExchange ex, long id) throws IOException {
        Optional<Handoff> handoff = store.get(id);
        if (handoff.isEmpty()) {
            Exchanges.error(ex, 404, "no handoff with id " + id, null);
        } else {
            Exchanges.json(ex, 200, json.render(handoff.get()));
        }
    }

    private void act(HttpExchange ex, long id, QueueAction action) throws IOException {
        ActionBody request = actionBody(ex);
        if (request == null) {
            return;
        }
        String operator = request.operator();
        if (request.receivedAt() != null) {
            // the client says which handoff it saw under this id: after a backup was restored under
            // the running inbox, the same id can be another customer's handoff
            Optional<Handoff> now = store.get(id);
            if (now.isPresent() && !request.receivedAt().equals(now.get().receivedAt())) {
                ObjectNode refused = Exchanges.errorBody("handoff " + id + " is not the one the client saw: the inbox's database "
                        + "was restored or replaced; read the list again (GET /api/handoffs)", "received_at");
                refused.put("received_at", now.get().receivedAt().toString());
                Exchanges.json(ex, 409, refused);
                return;
            }
        }
        Optional<QueueAction.Outcome> outcome;
        var pending = store.apply(id, action, operator);
        try {
            outcome = pending.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // not yet started: the writer skips it, so the 503 means the change was not made
            pending.cancel(false);
            ex.getResponseHeaders().set("Retry-After", "1");
            Exchanges.error(ex, 503, "the change could not be stored; retry later", null);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Exchanges.error(ex, 503, "the server is shutting down; retry later", null);
            return;
        }
        if (outcome.isEmpty()) {
            Exchanges.error(ex, 404, "no handoff with id " + id, null);
        } else if (outcome.get() instanceof QueueAction.Outcome.Changed changed) {
            Exchanges.json(ex, 200, json.render(changed.next()));
        } else if (outcome.get() instanceof QueueAction.Outcome.Unchanged unchanged) {
            Exchanges.json(ex, 200, json.render(unchanged.current()));
        } else if (outcome.get() instanceof QueueAction.Outcome.Refused refused) {
            // who acted before and when, so that a client can tell another operator's action from its own
            Handoff current = refused.current();
            ObjectNode body = Exchanges.errorBody(refused.error(), null);
            body.put("claimed_by", refused.claimedBy());
            body.put("status", current.status().id());
            body.put("updated_at", Objects.toString(current.updatedAt(), null));
            body.put("resolved_by", current.resolvedBy());
            body.put("resolved_at", Objects.toString(current.resolvedAt(), null));
            Exchanges.json(ex, 409, body);
        }
    }

    /** {"operator": "alice", "received_at": "2026-...Z"}: who acts, and (optionally) which handoff they saw. */
    private record ActionBody(String operator, java.time.Instant receivedAt) {
    }

    /** The action's body, or null after answering 400/413/415. */
    private static ActionBody actionBody(HttpExchange ex) throws IOException {
        if (Exchanges.requestHeaders(ex).containsKey("Content-Type") && !Exchanges.isJson(ex)) {
            Exchanges.error(ex, 415, "Content-Type must be application/json", null);
            return null;
        }
        byte[] body = Exchanges.body(ex, MAX_ACTION_BODY);
        if (body == null) {
            Exchanges.error(ex, 413, "body larger than " + MAX_ACTION_BODY + " bytes", null);
            return null;
        }
        JsonNode root;
        try {
            // one JSON value, as the webhook takes: '{"operator":"a"} trailing' was read as its first object
            root = QueueJson.mapper().reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body);
        } catch (IOException e) {
            Exchanges.error(ex, 400, "malformed JSON; expected one object, {\"operator\": \"name\"}", null);
            return null;
        }
        JsonNode operator = root == null ? null : root.get("operator");
        if (operator == null || !operator.isTextual() || operator.textValue().isBlank()) {
            Exchanges.error(ex, 400, "operator is required: a non-empty string naming who acts", "operator");
            return null;
        }
        String name = operator.textValue().strip();
        if (name.length() > MAX_OPERATOR_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            Exchanges.error(ex, 400, "operator must be at most " + MAX_OPERATOR_LENGTH
                    + " characters without control characters", "operator");
            return null;
        }
        JsonNode received = root.get("received_at");
        java.time.Instant receivedAt = null;
        if (received != null && !received.isNull()) {
            try {
                receivedAt = java.time.Instant.parse(received.asText());
            } catch (java.time.format.DateTimeParseException e) {
                Exchanges.error(ex, 400, "received_at must be the handoff's received_at as the list gives it (2026-01-05T10:00:00.123Z)",
                        "received_at");
                return null;
            }
        }
        return new ActionBody(name, receivedAt);
    }

    private static boolean requireMethod(HttpExchange ex, String method) throws IOException {
        if (method.equals(ex.getRequestMethod())) {
            return true;
        }
        Exchanges.methodNotAllowed(ex, method);
        return false;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
