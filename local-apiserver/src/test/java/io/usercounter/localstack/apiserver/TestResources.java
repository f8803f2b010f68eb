package io.usercounter.localstack.apiserver;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Test fixtures shared by the behaviour tests. */
public final class TestResources {

  private TestResources() {
  }

  /** A trimmed UserCounter CRD: defaults, a status subresource, short name uc and printer columns. */
  public static CustomResourceDefinition userCounterCrd() {
    return Serialization.unmarshal(TestResources.class.getResourceAsStream("/usercounter-crd.yaml"),
        CustomResourceDefinition.class);
  }
}
