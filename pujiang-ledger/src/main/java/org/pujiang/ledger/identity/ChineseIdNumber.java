package org.pujiang.ledger.identity;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Locale;

/**
 * Checks a citizen identification number of the People's Republic of China (GB 11643-1999, 公民身份号码): 6 digits of
 * region (address code), 8 of birth date (YYYYMMDD), 3 of sequence, and a check character computed with ISO 7064
 * MOD 11-2. The region code is checked only for its first digit (1 to 9): the table changes, and a wrong region with
 * a right check character is a forgery this check cannot catch anyway. Pure; safe from any thread.
 */
public final class ChineseIdNumber {
    /**
     * GB 11643-1999: weight W_i = 2^(i-1) mod 11 for the digit at position i counted from the right (the check
     * character is position 1), i.e. 2^(17-k) mod 11 at index k.
     */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    /** ISO 7064 MOD 11-2: the check character for each remainder of the weighted sum mod 11 (10 is written X). */
    private static final String CHECK = "10X98765432";
    /** The age of majority in the PRC (Civil Code art. 17). */
    public static final int ADULT_AGE = 18;
    private static final int EARLIEST_YEAR = 1900;

    private ChineseIdNumber() {}

    /**
     * Checks {@code input} as it would be typed: surrounding spaces, full-width digits and letters (NFKC) and a
     * lower-case x are accepted; nothing else is corrected.
     *
     * @param today the date of the check in China (birth dates after it are refused; {@code adult} is on this day)
     */
    public static IdCheck check(String input, LocalDate today) {
        String s = Normalizer.normalize(input == null ? "" : input, Normalizer.Form.NFKC).strip()
                .toUpperCase(Locale.ROOT);
        if (s.isEmpty()) {
            return new IdCheck.Invalid("no ID number was given");
        }
        if (s.length() == 15 && allAsciiDigits(s, 15)) {
            return new IdCheck.Invalid("15-digit ID numbers (first-generation cards, before 1999) are not accepted;"
                    + " use the 18-character number on the second-generation card");
        }
        if (s.length() != 18) {
            return new IdCheck.Invalid("an ID number has 18 characters, got " + s.length());
        }
        for (int i = 0; i < 17; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return new IdCheck.Invalid("the first 17 characters of an ID number are digits; character "
                        + (i + 1) + " is not");
            }
        }
        char last = s.charAt(17);
        if (!isAsciiDigit(last) && last != 'X') {
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
        if (birth.getYear() < EARLIEST_YEAR) {
            return new IdCheck.Invalid("the birth date " + birth + " is before " + EARLIEST_YEAR);
        }
        if (birth.isAfter(today)) {
            return new IdCheck.Invalid("the birth date " + birth + " is in the future");
        }
        if (checkChar(s) != last) {
            return new IdCheck.Invalid("the check character does not match: the number is mistyped");
        }
        return new IdCheck.Valid(s, birth, isAdult(birth, today, ADULT_AGE),
                s.substring(0, 3) + "*".repeat(11) + s.substring(14));
    }

    /**
     * Completed years of age on {@code today}. A birthday on 29 February is completed, in a common year, at the end
     * of 28 February: the age goes up on 1 March ({@link Period#between} counts that way).
     */
    public static int age(LocalDate birth, LocalDate today) {
        return Period.between(birth, today).getYears();
    }

    /** Whether someone born on {@code birth} is {@code adultAge} or older on {@code today}. */
    public static boolean isAdult(LocalDate birth, LocalDate today, int adultAge) {
        return !birth.isAfter(today) && age(birth, today) >= adultAge;
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits of {@code digits}. */
    static char checkChar(String digits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allAsciiDigits(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
