package io.usercounter.localstack.apiserver.protobuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The protobuf bodies kubectl's typed commands send ({@code kubectl create namespace|secret|configmap}), read into
 * the JSON objects they stand for. Field numbers are those of Kubernetes' generated.proto files. Other kinds are not
 * read: the caller answers them with a 415.
 */
public final class ProtobufBody {

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufBody() {}

    public static Optional<ObjectNode> toJson(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            return Optional.empty();
        }
        try {
            // runtime.Unknown: 1 typeMeta {1 apiVersion, 2 kind}, 2 raw (the object's own message)
            ProtoMessage unknown =
                    ProtoMessage.parse(CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length));
            ProtoMessage typeMeta = unknown.message(1);
            ProtoMessage raw = unknown.message(2);
            ObjectNode object = JsonNodeFactory.instance
                    .objectNode()
                    .put("apiVersion", typeMeta.string(1))
                    .put("kind", typeMeta.string(2));
            return switch (typeMeta.string(1) + "/" + typeMeta.string(2)) {
                case "v1/Namespace" -> Optional.of(withMetadata(object, raw));
                case "v1/ConfigMap" -> Optional.of(configMap(withMetadata(object, raw), raw));
                case "v1/Secret" -> Optional.of(secret(withMetadata(object, raw), raw));
                default -> Optional.empty();
            };
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ObjectMeta: 1 name, 2 generateName, 3 namespace, 11 labels, 12 annotations, 14 finalizers
    private static ObjectNode withMetadata(ObjectNode object, ProtoMessage raw) throws IOException {
        ProtoMessage meta = raw.message(1);
        ObjectNode metadata = object.putObject("metadata");
        putIfPresent(metadata, "name", meta.string(1));
        putIfPresent(metadata, "generateName", meta.string(2));
        putIfPresent(metadata, "namespace", meta.string(3));
        meta.stringMap(11, false).ifPresent(labels -> metadata.set("labels", labels));
        meta.stringMap(12, false).ifPresent(annotations -> metadata.set("annotations", annotations));
        if (!meta.strings(14).isEmpty()) {
            meta.strings(14).forEach(metadata.putArray("finalizers")::add);
        }
        return object;
    }

    // ConfigMap: 2 data, 3 binaryData, 4 immutable
    private static ObjectNode configMap(ObjectNode object, ProtoMessage raw) throws IOException {
        raw.stringMap(2, false).ifPresent(data -> object.set("data", data));
        raw.stringMap(3, true).ifPresent(data -> object.set("binaryData", data));
        raw.bool(4).ifPresent(immutable -> object.put("immutable", immutable));
        return object;
    }

    // Secret: 2 data (bytes), 3 type, 4 stringData, 5 immutable
    private static ObjectNode secret(ObjectNode object, ProtoMessage raw) throws IOException {
        raw.stringMap(2, true).ifPresent(data -> object.set("data", data));
        putIfPresent(object, "type", raw.string(3));
        raw.stringMap(4, false).ifPresent(data -> object.set("stringData", data));
        raw.bool(5).ifPresent(immutable -> object.put("immutable", immutable));
        return object;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }
}
