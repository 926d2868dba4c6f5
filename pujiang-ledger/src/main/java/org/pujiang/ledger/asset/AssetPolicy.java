package org.pujiang.ledger.asset;

import java.time.Duration;

/**
 * The rules digital collectibles follow (docs/ledger.md, "Policy"). The defaults follow Chinese practice for 数字藏品:
 * only real-name-verified adults hold or receive them, a gift may follow only after 180 days of holding, a few
 * transfers a day at most, and only creators an operator approved may issue them. There is no price anywhere.
 *
 * @param minHolding how long an edition stays with its holder before it may be given on (zero: no wait)
 * @param maxTransfersPerDay gifts one account may make per calendar day (China Standard Time)
 */
public record AssetPolicy(boolean realNameRequired, int adultAge, Duration minHolding, int maxTransfersPerDay,
        boolean approvedCreatorsOnly, int maxEditions) {
    public AssetPolicy {
        if (minHolding.isNegative() || maxTransfersPerDay < 1 || maxEditions < 1 || adultAge < 0) {
            throw new IllegalArgumentException("bad policy: holding " + minHolding + ", transfers/day "
                    + maxTransfersPerDay + ", max editions " + maxEditions + ", adult age " + adultAge);
        }
    }

    public static AssetPolicy defaults() {
        return new AssetPolicy(true, 18, Duration.ofDays(180), 3, true, 10_000);
    }
}
