/**
 * The UserCounter resource, version v1alpha1. Each default of the spec is one constant, read by {@code @Default},
 * which the API server applies (to objects stored before the default existed too), and by the field's initialiser,
 * which covers objects built in Java or read without the field: so the code that reads a spec needs no fallback.
 */
package io.usercounter.operator.api.v1alpha1;
