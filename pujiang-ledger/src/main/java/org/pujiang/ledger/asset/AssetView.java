package org.pujiang.ledger.asset;

/** An asset as registered, with how many of its editions exist. */
public record AssetView(AssetId id, String contentHash, MediaFormat format, long size, String title, AccountId creator,
        String licence, int editions, int minted, int burned, long registeredAt, long logIndex) {}
