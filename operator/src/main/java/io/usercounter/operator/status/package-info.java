/** A UserCounter's status and Events: what the operator observed (rollout, failing pods, problems) in one place. */
package io.usercounter.operator.status;
