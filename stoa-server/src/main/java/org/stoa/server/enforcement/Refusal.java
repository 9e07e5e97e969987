package org.stoa.server.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stoa.server.http.ApiException;

/** The 422 that refused content gets (a message, a profile): the rule, its explanation, the evidence and the decision to cite. */
public final class Refusal {

    private Refusal() {}

    /** {@code code} names what was refused ({@code message_refused}); {@code outcome} says it in words ("not delivered"). */
    public static ApiException problem(String code, String outcome, DecisionView d) {
        var r = d.decision();
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("decisionId", r.id());
        ext.put("reasons", List.of(reason(r.ruleId(), r.ruleVersion(), r.ruleTitle(), r.ruleExplanation(), r.hits())));
        ext.put("decision", d);
        return new ApiException(422, code,
                outcome + ": " + r.ruleTitle() + ". " + r.ruleExplanation() + " (decision " + r.id() + ")", ext);
    }

    private static Map<String, Object> reason(String ruleId, Integer version, String title, String explanation, JsonNode hits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", ruleId);
        m.put("ruleVersion", version);
        m.put("title", title);
        m.put("explanation", explanation);
        m.put("evidence", hits == null || hits.isEmpty() ? "" : hits.get(0).path("describe").asText(""));
        return m;
    }
}
