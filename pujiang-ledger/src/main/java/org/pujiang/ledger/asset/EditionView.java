package org.pujiang.ledger.asset;

/**
 * One edition: who holds it since when, and the log index of its last event (its provenance goes back from there
 * through the entries' {@code prev}). A burned edition keeps its last holder.
 *
 * @param acquiredAt epoch milliseconds of the mint or transfer that gave it to {@code holder}; the holding period
 *     counts from here
 * @param transferableAt epoch milliseconds from which the holder may give it on under the book's policy
 */
public record EditionView(AssetId asset, int edition, AccountId holder, long acquiredAt, long lastLogIndex,
        boolean burned, long transferableAt) {}
