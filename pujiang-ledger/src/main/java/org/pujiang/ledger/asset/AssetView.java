package org.pujiang.ledger.asset;

/**
 * An asset as registered, with how many of its editions exist.
 *
 * @param minted editions minted so far (they are numbered 1 to {@code minted})
 * @param burned editions burned so far (they still count as minted)
 * @param registeredAt epoch milliseconds of the register entry
 * @param logIndex the log index of the register entry
 */
public record AssetView(AssetId id, String contentHash, MediaFormat format, long size, String title, AccountId creator,
        String licence, int editions, int minted, int burned, long registeredAt, long logIndex) {
    /** Editions that may still be minted. */
    public int remaining() {
        return editions - minted;
    }
}
