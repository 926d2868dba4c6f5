package org.pujiang.ledger.asset;

/**
 * One edition: who holds it since when, and the log index of its last event (its provenance goes back from there).
 * A burned edition keeps its last holder.
 */
public record EditionView(AssetId asset, int edition, AccountId holder, long acquiredAt, long lastLogIndex,
        boolean burned) {}
