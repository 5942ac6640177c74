package io.emporium.command.payment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A PSP that answers from a script, one reply per request, and remembers what it was asked. */
final class ScriptedPsp implements PspApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Request(String method, String path, @Nullable String key, @Nullable JsonNode body) {}

    private final Deque<PspReply> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    ScriptedPsp answer(int status, String json) {
        script.add(new PspReply.Answered(status, JSON.readTree(json)));
        return this;
    }

    ScriptedPsp noAnswer() {
        script.add(new PspReply.Unanswered("no answer within 400 ms"));
        return this;
    }

    List<Request> requests() {
        return requests;
    }

    List<Request> posts() {
        return requests.stream().filter(request -> request.method().equals("POST")).toList();
    }

    @Override
    public PspReply post(String path, @Nullable String idempotencyKey, JsonNode body) {
        requests.add(new Request("POST", path, idempotencyKey, body));
        return next();
    }

    @Override
    public PspReply get(String pathAndQuery) {
        requests.add(new Request("GET", pathAndQuery, null, null));
        return next();
    }

    private PspReply next() {
        if (script.isEmpty()) {
            throw new AssertionError("the gateway asked more than the script answers: " + requests);
        }
        return script.pop();
    }
}
