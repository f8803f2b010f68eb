/**
 * What the counter-app pods of a UserCounter are configured with: the settings resolved from its spec and the
 * Secrets it references, the check that those Secrets exist, and the hash that rolls the pods when any changes.
 */
package io.usercounter.operator.settings;
