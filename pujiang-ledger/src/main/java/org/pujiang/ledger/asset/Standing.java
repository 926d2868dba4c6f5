package org.pujiang.ledger.asset;

import java.util.Objects;

/**
 * What the policy needs to know about an account at the moment of a command, as the server found it.
 *
 * @param verified real-name verified
 * @param adult old enough by the verified birth date ({@link AssetPolicy#adultAge()}) on the day of the command
 * @param approvedCreator an operator approved it to register assets
 * @param operator an operator or admin (an organisation account: always approved, exempt from the real-name rule)
 */
public record Standing(AccountId id, boolean verified, boolean adult, boolean approvedCreator, boolean operator) {
    public Standing {
        Objects.requireNonNull(id, "id");
    }
}
