package org.pujiang.ledger.identity;

import java.time.LocalDate;

/** The result of checking a Chinese resident ID number: valid (with what it says) or invalid (with why). */
public sealed interface IdCheck {
    /**
     * @param normalised the 18 characters, digits and an upper-case X; never store it (store
     *     {@link IdentityDigest#of} and {@code masked})
     * @param birthDate the birth date the number encodes
     * @param adult whether the holder is {@value ChineseIdNumber#ADULT_AGE} or older on the day of the check
     * @param masked the form that may be shown and stored: the first 3 and last 4 characters, e.g.
     *     {@code 110***********002X}
     */
    record Valid(String normalised, LocalDate birthDate, boolean adult, String masked) implements IdCheck {}

    /** @param reason for the person who typed the number: what is wrong with it */
    record Invalid(String reason) implements IdCheck {}
}
