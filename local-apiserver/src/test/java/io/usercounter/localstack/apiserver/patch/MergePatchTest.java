package io.usercounter.localstack.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    @Test
    void replacesArraysInsteadOfAppending() {
        JsonNode result = MergePatch.apply(json("{'args':['a','b'],'keep':1}"), json("{'args':['c']}"));

        assertThat(result).isEqualTo(json("{'args':['c'],'keep':1}"));
    }

    @Test
    void removesAFieldSetToNull() {
        JsonNode result = MergePatch.apply(json("{'labels':{'a':'1','b':'2'}}"), json("{'labels':{'a':null}}"));

        assertThat(result).isEqualTo(json("{'labels':{'b':'2'}}"));
    }

    @Test
    void mergesNestedObjectsKeyByKey() {
        JsonNode result =
                MergePatch.apply(json("{'spec':{'replicas':1,'image':'x'}}"), json("{'spec':{'replicas':3}}"));

        assertThat(result).isEqualTo(json("{'spec':{'replicas':3,'image':'x'}}"));
    }

    @Test
    void anObjectPatchOverAScalarReplacesItWithoutItsNulls() {
        JsonNode result = MergePatch.apply(json("{'a':'text'}"), json("{'a':{'b':'c','d':null}}"));

        assertThat(result).isEqualTo(json("{'a':{'b':'c'}}"));
    }

    @Test
    void leavesTheTargetUnchanged() {
        JsonNode target = json("{'a':[1]}");

        MergePatch.apply(target, json("{'a':[2]}"));

        assertThat(target).isEqualTo(json("{'a':[1]}"));
    }

    static JsonNode json(String singleQuoted) {
        return Serialization.unmarshal(singleQuoted.replace('\'', '"'), JsonNode.class);
    }
}
