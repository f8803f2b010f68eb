/** The objects a UserCounter owns, one dependent resource each, with the conditions that create or remove them. */
package io.usercounter.operator.dependent;
