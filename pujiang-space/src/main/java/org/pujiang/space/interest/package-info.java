/**
 * Interest management: the spatial grid, the per-client view with its local ids and accumulated
 * masks, and the pass that picks each client's K nearest entities with hysteresis.
 */
package org.pujiang.space.interest;
