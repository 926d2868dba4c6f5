package org.pujiang.ledger.asset;

/** What an account asks of the asset log; {@link AssetBook#decide} turns it into an entry or a refusal. */
public sealed interface AssetCommand {
    AssetId asset();

    /** Register a new asset whose file the server has checked and stored. */
    record Register(AssetId asset, String contentHash, MediaFormat format, long size, String title, String licence,
            int editions) implements AssetCommand {}

    /** Mint {@code count} more editions to the creator; 0 means all that remain. */
    record Mint(AssetId asset, int count) implements AssetCommand {}

    /** Give an edition to another account. */
    record Transfer(AssetId asset, int edition, AccountId to) implements AssetCommand {}

    /** Destroy an edition one holds. */
    record Burn(AssetId asset, int edition) implements AssetCommand {}
}
