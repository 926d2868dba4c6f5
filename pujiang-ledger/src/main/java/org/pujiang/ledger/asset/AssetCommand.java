package org.pujiang.ledger.asset;

import java.util.Objects;

/**
 * What an account asks of the asset log; {@link AssetBook#decide} turns it into an entry or a refusal. The records
 * check what does not depend on the state or the policy (so a malformed command fails on the caller's thread, not on
 * the log writer's); everything else is a refusal.
 */
public sealed interface AssetCommand {
    AssetId asset();

    /** Register a new asset whose file the server has checked ({@link MediaCheck}) and stored. */
    record Register(AssetId asset, String contentHash, MediaFormat format, long size, String title, String licence,
            int editions) implements AssetCommand {
        public Register {
            Objects.requireNonNull(asset, "asset");
            EntryRules.contentHash(contentHash);
            Objects.requireNonNull(format, "format");
            EntryRules.size(size);
            EntryRules.text("title", title);
            EntryRules.text("licence", licence);
        }
    }

    /** Mint {@code count} more editions to the creator; 0 means all that remain. */
    record Mint(AssetId asset, int count) implements AssetCommand {
        public Mint {
            Objects.requireNonNull(asset, "asset");
            if (count < 0) {
                throw new IllegalArgumentException("count must be 0 (all that remain) or more, got " + count);
            }
        }
    }

    /** Give an edition to another account. */
    record Transfer(AssetId asset, int edition, AccountId to) implements AssetCommand {
        public Transfer {
            Objects.requireNonNull(asset, "asset");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Destroy an edition one holds. */
    record Burn(AssetId asset, int edition) implements AssetCommand {
        public Burn {
            Objects.requireNonNull(asset, "asset");
        }
    }
}
