package org.pujiang.ledger.asset;

/**
 * What the policy needs to know about an account at the moment of a command, as the server found it.
 *
 * @param verified real-name verified
 * @param adult old enough by the verified birth date
 * @param approvedCreator an operator approved it to register assets
 * @param operator an operator or admin (an organisation account: always approved)
 */
public record Standing(AccountId id, boolean verified, boolean adult, boolean approvedCreator, boolean operator) {}
