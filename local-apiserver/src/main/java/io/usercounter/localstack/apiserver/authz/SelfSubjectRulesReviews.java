package io.usercounter.localstack.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.usercounter.localstack.apiserver.errors.ApiError;

/**
 * {@code selfsubjectrulesreviews}, which JOSDK asks before it elects a leader. This server authenticates no one and
 * allows every request, so it answers as a real API server answers a member of {@code system:masters}
 * (cluster-admin): every verb on every resource and non-resource URL. Create-only and never stored, as upstream.
 */
public final class SelfSubjectRulesReviews {

    public static final String PATH = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    private SelfSubjectRulesReviews() {}

    public static boolean isFor(String resourcePath) {
        return resourcePath.equals(PATH);
    }

    public static MockResponse respond(HttpMethod method, JsonNode review) {
        if (method != HttpMethod.POST) {
            throw new ApiError(
                    405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
        ObjectNode answer = review.deepCopy();
        answer.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectRulesReview");
        ObjectNode status = answer.putObject("status");
        ObjectNode resourceRule = status.putArray("resourceRules").addObject();
        resourceRule.putArray("verbs").add("*");
        resourceRule.putArray("apiGroups").add("*");
        resourceRule.putArray("resources").add("*");
        ObjectNode nonResourceRule = status.putArray("nonResourceRules").addObject();
        nonResourceRule.putArray("verbs").add("*");
        nonResourceRule.putArray("nonResourceURLs").add("*");
        status.put("incomplete", false);
        return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(answer));
    }
}
