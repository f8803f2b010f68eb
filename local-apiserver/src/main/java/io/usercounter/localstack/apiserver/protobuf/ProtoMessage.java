package io.usercounter.localstack.apiserver.protobuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A protobuf message read without its schema: the length-delimited and varint fields by number. */
final class ProtoMessage {

    private final Map<Integer, List<ByteString>> delimited = new LinkedHashMap<>();
    private final Map<Integer, Long> varints = new LinkedHashMap<>();

    static ProtoMessage parse(CodedInputStream input) throws IOException {
        ProtoMessage message = new ProtoMessage();
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            switch (WireFormat.getTagWireType(tag)) {
                case WireFormat.WIRETYPE_LENGTH_DELIMITED ->
                    message.delimited
                            .computeIfAbsent(field, f -> new ArrayList<>())
                            .add(input.readBytes());
                case WireFormat.WIRETYPE_VARINT -> message.varints.put(field, input.readInt64());
                default -> input.skipField(tag);
            }
        }
        return message;
    }

    ProtoMessage message(int field) throws IOException {
        List<ByteString> values = delimited.get(field);
        return parse(
                values == null
                        ? CodedInputStream.newInstance(new byte[0])
                        : values.get(0).newCodedInput());
    }

    String string(int field) {
        List<ByteString> values = delimited.get(field);
        return values == null ? "" : values.get(0).toString(StandardCharsets.UTF_8);
    }

    List<String> strings(int field) {
        return delimited.getOrDefault(field, List.of()).stream()
                .map(v -> v.toString(StandardCharsets.UTF_8))
                .toList();
    }

    Optional<Boolean> bool(int field) {
        return Optional.ofNullable(varints.get(field)).map(v -> v != 0);
    }

    /** A map field (repeated entries of 1 key, 2 value); byte values are base64, as in the JSON form. */
    Optional<ObjectNode> stringMap(int field, boolean bytesValues) throws IOException {
        List<ByteString> entries = delimited.getOrDefault(field, List.of());
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        for (ByteString entry : entries) {
            ProtoMessage pair = parse(entry.newCodedInput());
            List<ByteString> value = pair.delimited.getOrDefault(2, List.of(ByteString.EMPTY));
            map.put(
                    pair.string(1),
                    bytesValues
                            ? Base64.getEncoder().encodeToString(value.get(0).toByteArray())
                            : value.get(0).toString(StandardCharsets.UTF_8));
        }
        return Optional.of(map);
    }
}
