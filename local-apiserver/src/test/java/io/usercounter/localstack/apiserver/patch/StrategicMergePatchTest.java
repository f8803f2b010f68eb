package io.usercounter.localstack.apiserver.patch;

import static io.usercounter.localstack.apiserver.patch.MergePatchTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    @Test
    void mergesContainersByNameKeepingTheFieldsThePatchDoesNotMention() {
        JsonNode current = json("{'containers':[{'name':'app','image':'v1','ports':[{'containerPort':8080}]},"
                + "{'name':'sidecar','image':'s1'}]}");
        // what kubectl apply sends after an image change
        JsonNode patch = json("{'$setElementOrder/containers':[{'name':'app'},{'name':'sidecar'}],"
                + "'containers':[{'name':'app','image':'v2'}]}");

        assertThat(StrategicMergePatch.apply(current, patch))
                .isEqualTo(
                        json(
                                "{'containers':["
                                        + "{'name':'app','image':'v2','ports':[{'containerPort':8080}]},{'name':'sidecar','image':'s1'}]}"));
    }

    @Test
    void aDeleteDirectiveRemovesTheElementWithThatKey() {
        JsonNode current = json("{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}");

        JsonNode result = StrategicMergePatch.apply(current, json("{'env':[{'name':'A','$patch':'delete'}]}"));

        assertThat(result).isEqualTo(json("{'env':[{'name':'B','value':'2'}]}"));
    }

    @Test
    void appendsAnElementWithANewKey() {
        JsonNode current = json("{'env':[{'name':'A','value':'1'}]}");

        JsonNode result = StrategicMergePatch.apply(current, json("{'env':[{'name':'B','value':'2'}]}"));

        assertThat(result).isEqualTo(json("{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}"));
    }

    @Test
    void replacesListsWithoutAMergeKey() {
        JsonNode result = StrategicMergePatch.apply(json("{'args':['a','b']}"), json("{'args':['c']}"));

        assertThat(result).isEqualTo(json("{'args':['c']}"));
    }

    @Test
    void removesValuesNamedByDeleteFromPrimitiveList() {
        JsonNode result = StrategicMergePatch.apply(
                json("{'finalizers':['a','b']}"), json("{'$deleteFromPrimitiveList/finalizers':['a']}"));

        assertThat(result).isEqualTo(json("{'finalizers':['b']}"));
    }

    @Test
    void aReplaceDirectiveReplacesTheWholeObject() {
        JsonNode result =
                StrategicMergePatch.apply(json("{'spec':{'a':1,'b':2}}"), json("{'spec':{'$patch':'replace','c':3}}"));

        assertThat(result).isEqualTo(json("{'spec':{'c':3}}"));
    }

    @Test
    void nullRemovesAFieldAndDirectivesAreNeverStored() {
        JsonNode result = StrategicMergePatch.apply(json("{'a':1,'b':2}"), json("{'a':null,'$retainKeys':['b']}"));

        assertThat(result).isEqualTo(json("{'b':2}"));
    }
}
