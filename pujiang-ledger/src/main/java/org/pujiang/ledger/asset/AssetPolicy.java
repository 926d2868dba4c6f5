package org.pujiang.ledger.asset;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules digital collectibles follow (docs/ledger.md, "Policy"). The defaults follow Chinese practice for 数字藏品:
 * only real-name-verified adults hold or receive them, a gift may follow only after 180 days of holding, a few
 * transfers a day at most, and only creators an operator approved may issue them. There is no price anywhere.
 *
 * @param realNameRequired whether creators and recipients must be real-name verified adults (operators excepted)
 * @param adultAge the age of majority the server uses to compute {@link Standing#adult()}
 * @param minHolding how long an edition stays with its holder before it may be given on (zero: no wait); counted
 *     from when the holder got it
 * @param maxTransfersPerDay gifts one account may make per calendar day (China Standard Time unless the book is told
 *     otherwise)
 * @param approvedCreatorsOnly whether registering needs an operator's approval (operators are always approved)
 * @param maxEditions editions one asset may have, at most {@link LedgerEntry#MAX_EDITIONS}
 */
public record AssetPolicy(boolean realNameRequired, int adultAge, Duration minHolding, int maxTransfersPerDay,
        boolean approvedCreatorsOnly, int maxEditions) {
    public AssetPolicy {
        Objects.requireNonNull(minHolding, "minHolding");
        if (minHolding.isNegative() || maxTransfersPerDay < 1 || maxEditions < 1
                || maxEditions > LedgerEntry.MAX_EDITIONS || adultAge < 0) {
            throw new IllegalArgumentException("bad policy: holding " + minHolding + ", transfers/day "
                    + maxTransfersPerDay + ", max editions " + maxEditions + " (1 to " + LedgerEntry.MAX_EDITIONS
                    + "), adult age " + adultAge);
        }
    }

    /** Real names required, adults at 18, 180 days' holding, 3 gifts a day, approved creators, 10000 editions. */
    public static AssetPolicy defaults() {
        return new AssetPolicy(true, 18, Duration.ofDays(180), 3, true, 10_000);
    }
}
