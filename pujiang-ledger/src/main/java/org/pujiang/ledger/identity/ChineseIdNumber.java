package org.pujiang.ledger.identity;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;

/**
 * Checks a citizen identification number of the People's Republic of China (GB 11643-1999): 6 digits of region,
 * 8 of birth date (YYYYMMDD), 3 of sequence, and a check character computed with ISO 7064 MOD 11-2. Pure; safe
 * from any thread.
 */
public final class ChineseIdNumber {
    /** ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 for positions 0..16. */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    /** The check character for each remainder of the weighted sum mod 11. */
    private static final String CHECK = "10X98765432";
    private static final int ADULT_AGE = 18;

    private ChineseIdNumber() {}

    /**
     * Checks {@code input} as it would be typed: surrounding spaces, full-width digits and a lower-case x are
     * accepted.
     */
    public static IdCheck check(String input, LocalDate today) {
        String s = Normalizer.normalize(input == null ? "" : input, Normalizer.Form.NFKC).strip()
                .toUpperCase(java.util.Locale.ROOT);
        if (s.length() == 15 && s.chars().allMatch(Character::isDigit)) {
            return new IdCheck.Invalid("15-digit ID numbers (issued before 1999) are no longer valid; use the"
                    + " 18-character number on the second-generation card");
        }
        if (s.length() != 18) {
            return new IdCheck.Invalid("an ID number has 18 characters, got " + s.length());
        }
        for (int i = 0; i < 17; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return new IdCheck.Invalid("the first 17 characters of an ID number are digits; character "
                        + (i + 1) + " is not");
            }
        }
        char last = s.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return new IdCheck.Invalid("the last character of an ID number is a digit or X");
        }
        if (s.charAt(0) == '0') {
            return new IdCheck.Invalid("no region code starts with 0");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(s.substring(6, 10)), Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14)));
        } catch (DateTimeException e) {
            return new IdCheck.Invalid("characters 7 to 14 are not a real birth date (" + s.substring(6, 14) + ")");
        }
        if (birth.getYear() < 1900) {
            return new IdCheck.Invalid("the birth date " + birth + " is before 1900");
        }
        if (birth.isAfter(today)) {
            return new IdCheck.Invalid("the birth date " + birth + " is in the future");
        }
        if (checkChar(s) != last) {
            return new IdCheck.Invalid("the check character does not match: the number is mistyped");
        }
        boolean adult = Period.between(birth, today).getYears() >= ADULT_AGE;
        return new IdCheck.Valid(s, birth, adult, s.substring(0, 3) + "*".repeat(11) + s.substring(14));
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
    static char checkChar(String digits17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }
}
