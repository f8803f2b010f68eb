package io.usercounter.localstack.apiserver.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The server's one Jackson mapper, configured for Kubernetes' types as fabric8's client configures its own. */
public final class KubernetesJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** Registers fabric8's modules on MAPPER: fabric8's replacement for its deprecated Serialization.jsonMapper(). */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(MAPPER, true);

    private KubernetesJson() {}
}
