/**
 * Rules over twin values and the alerts they raise.
 *
 * <p>A {@link org.pujiang.twin.rules.Rule} watches one property of one twin, or of every twin of a model, with a
 * {@link org.pujiang.twin.rules.Condition} (threshold, range, rate of change, or silence). Rules are grouped in
 * an immutable {@link org.pujiang.twin.rules.RuleSet}, swapped whole. A {@link org.pujiang.twin.rules.RuleEngine}
 * is owned by one thread (a twin partition): it evaluates values as they arrive and emits
 * {@link org.pujiang.twin.rules.AlertSignal}s when a condition opens or clears. {@link org.pujiang.twin.rules.WhatIf}
 * runs a simulated scenario through a fresh engine. Nothing here does I/O.
 */
package org.pujiang.twin.rules;
