package org.pujiang.ledger.identity;

import java.time.LocalDate;

/** The result of checking a Chinese resident ID number: valid (with what it says) or invalid (with why). */
public sealed interface IdCheck {
    /**
     * @param normalised the 18 characters, digits and an upper-case X
     * @param birthDate the birth date the number encodes
     * @param adult whether the holder is 18 or older on the day of the check
     * @param masked the form that may be shown and stored, e.g. {@code 110***********123X}
     */
    record Valid(String normalised, LocalDate birthDate, boolean adult, String masked) implements IdCheck {}

    record Invalid(String reason) implements IdCheck {}
}
