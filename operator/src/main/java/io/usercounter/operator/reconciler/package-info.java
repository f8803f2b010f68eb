/** The reconciler, which orchestrates settings, dependents and status, and the event sources it is woken by. */
package io.usercounter.operator.reconciler;
