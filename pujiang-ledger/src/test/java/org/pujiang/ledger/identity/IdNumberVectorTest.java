package org.pujiang.ledger.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.ledger.identity.IdVectors.ID_NUMBERS;
import static org.pujiang.ledger.identity.IdVectors.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** {@link ChineseIdNumber} on the vectors in id-numbers.json (every check character), and exhaustive typos. */
class IdNumberVectorTest {
    private static final LocalDate TODAY = LocalDate.parse(text(ID_NUMBERS, "today"));
    private static final String CHECK_CHARS = "0123456789X";

    /** GB 11643-1999 numbers with every check character 0..9 and X, and the typing variants that are accepted. */
    @Test
    void validVectors() {
        for (JsonNode v : ID_NUMBERS.get("valid")) {
            String desc = text(v, "desc") + " (" + text(v, "derivation") + ")";
            IdCheck c = ChineseIdNumber.check(text(v, "input"), TODAY);
            assertThat(c).as(desc).isInstanceOf(IdCheck.Valid.class);
            IdCheck.Valid ok = (IdCheck.Valid) c;
            assertThat(ok.normalised()).as(desc).isEqualTo(text(v, "normalised"));
            assertThat(ok.birthDate()).as(desc).isEqualTo(LocalDate.parse(text(v, "birthDate")));
            assertThat(ok.adult()).as(desc).isEqualTo(v.get("adult").asBoolean());
            assertThat(ok.masked()).as(desc).isEqualTo(text(v, "masked"));
        }
    }

    @Test
    void invalidVectors() {
        for (JsonNode v : ID_NUMBERS.get("invalid")) {
            String desc = text(v, "desc");
            IdCheck c = ChineseIdNumber.check(text(v, "input"), TODAY);
            assertThat(c).as(desc).isInstanceOf(IdCheck.Invalid.class);
            assertThat(((IdCheck.Invalid) c).reason()).as(desc).contains(text(v, "reasonContains"));
        }
    }

    @Test
    void nullIsInvalidNotAnException() {
        assertThat(ChineseIdNumber.check(null, TODAY)).isInstanceOf(IdCheck.Invalid.class);
    }

    /**
     * MOD 11-2 catches every single-character error: 11 is prime and no weight is 0 mod 11, so changing one digit
     * changes S mod 11. Every substitution at every position (check character included) of every valid vector must
     * be refused, and where the date and region still stand, refused for the check character.
     */
    @Test
    void everySingleSubstitutionIsCaught() {
        int tried = 0;
        for (JsonNode v : ID_NUMBERS.get("valid")) {
            String n = text(v, "normalised");
            for (int i = 0; i < 18; i++) {
                String alphabet = i == 17 ? CHECK_CHARS : "0123456789";
                for (char d : alphabet.toCharArray()) {
                    if (d == n.charAt(i)) {
                        continue;
                    }
                    String typo = n.substring(0, i) + d + n.substring(i + 1);
                    IdCheck c = ChineseIdNumber.check(typo, TODAY);
                    assertThat(c).as(typo).isInstanceOf(IdCheck.Invalid.class);
                    if (i != 0 && (i < 6 || i >= 14)) { // region (but its first digit) and sequence: only the check
                        assertThat(((IdCheck.Invalid) c).reason()).as(typo).contains("check character");
                    }
                    tried++;
                }
            }
        }
        assertThat(tried).isGreaterThan(3_000);
    }

    /**
     * Adjacent transpositions: swapping a_k and a_k+1 changes S by (a_k - a_k+1)(W_k - W_k+1), and no two adjacent
     * weights are equal mod 11; swapping the last digit with the check character changes the MOD 11-2 sum by their
     * difference (weights 2 and 1), or puts an X among the first 17.
     */
    @Test
    void everyAdjacentTranspositionIsCaught() {
        int tried = 0;
        for (JsonNode v : ID_NUMBERS.get("valid")) {
            String n = text(v, "normalised");
            for (int i = 0; i < 17; i++) {
                if (n.charAt(i) == n.charAt(i + 1)) {
                    continue;
                }
                String swapped = n.substring(0, i) + n.charAt(i + 1) + n.charAt(i) + n.substring(i + 2);
                assertThat(ChineseIdNumber.check(swapped, TODAY)).as(swapped).isInstanceOf(IdCheck.Invalid.class);
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(100);
    }

    /** The check character of every valid vector is the one MOD 11-2 gives, computed here from 2^(17-k) mod 11. */
    @Test
    void checkCharacterFollowsTheWeights() {
        int[] weights = new int[17];
        for (int k = 0; k < 17; k++) {
            weights[k] = (1 << (17 - k)) % 11;
        }
        assertThat(weights).containsExactly(7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2);
        for (JsonNode v : ID_NUMBERS.get("valid")) {
            String n = text(v, "normalised");
            int s = 0;
            for (int k = 0; k < 17; k++) {
                s += (n.charAt(k) - '0') * weights[k];
            }
            assertThat(ChineseIdNumber.checkChar(n)).as(n).isEqualTo("10X98765432".charAt(s % 11))
                    .isEqualTo(n.charAt(17));
        }
    }

    @Test
    void bornTodayIsValidBornTomorrowIsNot() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        assertThat(ChineseIdNumber.check(number("310115", today, "001"), today)).isInstanceOf(IdCheck.Valid.class);
        assertThat(ChineseIdNumber.check(number("310115", today.plusDays(1), "001"), today))
                .isInstanceOf(IdCheck.Invalid.class);
    }

    @Test
    void firstOf1900IsValidLastOf1899IsNot() {
        assertThat(ChineseIdNumber.check(number("310115", LocalDate.of(1900, 1, 1), "001"), TODAY))
                .isInstanceOf(IdCheck.Valid.class);
        IdCheck before = ChineseIdNumber.check(number("310115", LocalDate.of(1899, 12, 31), "001"), TODAY);
        assertThat(((IdCheck.Invalid) before).reason()).contains("before 1900");
    }

    /** Adult from the 18th birthday itself (Period.between counts completed years); the day before, a minor. */
    @Test
    void adultOnThe18thBirthdayNotTheDayBefore() {
        String n = number("310115", LocalDate.of(2008, 6, 15), "123");
        assertThat(valid(n, LocalDate.of(2026, 6, 14)).adult()).isFalse();
        assertThat(valid(n, LocalDate.of(2026, 6, 15)).adult()).isTrue();
        assertThat(valid(n, LocalDate.of(2026, 6, 16)).adult()).isTrue();
    }

    /**
     * Born on 29 February: the 18th birthday always falls in a common year (18 is not a multiple of 4), and the code
     * follows java.time.Period: on 28 February the person is 17 years, 11 months and 30 days old, still a minor; on
     * 1 March 18 years and 1 day, an adult. The rule: a 29 February birthday is reached on 1 March in a common year.
     */
    @Test
    void leapDayBirthdayTurnsAdultOnFirstOfMarch() {
        LocalDate birth = LocalDate.of(2004, 2, 29);
        assertThat(Period.between(birth, LocalDate.of(2022, 2, 28))).isEqualTo(Period.of(17, 11, 30));
        assertThat(Period.between(birth, LocalDate.of(2022, 3, 1))).isEqualTo(Period.of(18, 0, 1));
        String n = "110101200402290017";
        assertThat(valid(n, LocalDate.of(2022, 2, 27)).adult()).isFalse();
        assertThat(valid(n, LocalDate.of(2022, 2, 28)).adult()).isFalse();
        assertThat(valid(n, LocalDate.of(2022, 3, 1)).adult()).isTrue();
        assertThat(ChineseIdNumber.age(birth, LocalDate.of(2022, 2, 28))).isEqualTo(17);
        assertThat(ChineseIdNumber.age(birth, LocalDate.of(2022, 3, 1))).isEqualTo(18);
        // in a leap year the birthday is the day itself
        assertThat(ChineseIdNumber.age(birth, LocalDate.of(2008, 2, 28))).isEqualTo(3);
        assertThat(ChineseIdNumber.age(birth, LocalDate.of(2008, 2, 29))).isEqualTo(4);
    }

    @Test
    void isAdultTakesTheAgeAndRefusesBirthsAfterToday() {
        LocalDate birth = LocalDate.of(2000, 1, 1);
        assertThat(ChineseIdNumber.isAdult(birth, LocalDate.of(2013, 12, 31), 14)).isFalse();
        assertThat(ChineseIdNumber.isAdult(birth, LocalDate.of(2014, 1, 1), 14)).isTrue();
        assertThat(ChineseIdNumber.isAdult(birth, LocalDate.of(1999, 1, 1), 0)).isFalse();
        assertThat(ChineseIdNumber.isAdult(birth, birth, 0)).isTrue();
    }

    /** The masked form keeps 3 + 4 of 18 characters: the province and the sequence's end, never the birth date. */
    @Test
    void maskedShape() {
        for (JsonNode v : ID_NUMBERS.get("valid")) {
            IdCheck.Valid ok = valid(text(v, "input"), TODAY);
            assertThat(ok.masked()).hasSize(18).matches("[1-9][0-9]{2}\\*{11}[0-9]{3}[0-9X]")
                    .startsWith(ok.normalised().substring(0, 3)).endsWith(ok.normalised().substring(14))
                    .doesNotContain(ok.normalised().substring(6, 14));
        }
    }

    private static IdCheck.Valid valid(String n, LocalDate today) {
        IdCheck c = ChineseIdNumber.check(n, today);
        assertThat(c).as(n).isInstanceOf(IdCheck.Valid.class);
        return (IdCheck.Valid) c;
    }

    /** A number with the right check character: region + yyyyMMdd + sequence + MOD 11-2. */
    static String number(String region, LocalDate birth, String sequence) {
        String body = region + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth()) + sequence;
        return body + ChineseIdNumber.checkChar(body);
    }
}
