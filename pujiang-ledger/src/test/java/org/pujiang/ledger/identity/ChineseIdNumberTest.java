package org.pujiang.ledger.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseIdNumberTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
    /**
     * GB 11643-1999's worked example: 11010519491231002 → Σ a_i·W_i = 167 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4
     * 2), 167 mod 11 = 2 → check character X.
     */
    private static final String EXAMPLE = "11010519491231002X";
    /** The standard's other example; its birth date (1880-01-01) is before 1900, which we refuse. */
    private static final String EXAMPLE_1880 = "440524188001010014";

    private static IdCheck.Valid valid(String input) {
        IdCheck c = ChineseIdNumber.check(input, TODAY);
        assertThat(c).as(input + ": " + c).isInstanceOf(IdCheck.Valid.class);
        return (IdCheck.Valid) c;
    }

    private static String invalid(String input) {
        IdCheck c = ChineseIdNumber.check(input, TODAY);
        assertThat(c).as(input).isInstanceOf(IdCheck.Invalid.class);
        return ((IdCheck.Invalid) c).reason();
    }

    /** Builds a number with the right check character. */
    private static String withCheck(String first17) {
        return first17 + ChineseIdNumber.checkChar(first17);
    }

    @Test
    void theStandardsExample() {
        IdCheck.Valid v = valid(EXAMPLE);
        assertThat(v.normalised()).isEqualTo(EXAMPLE);
        assertThat(v.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(v.adult()).isTrue();
        assertThat(v.masked()).isEqualTo("110***********002X");
    }

    @Test
    void theOtherExampleHasTheRightCheckCharacterButIsBornBefore1900() {
        assertThat(ChineseIdNumber.checkChar(EXAMPLE_1880)).isEqualTo('4');
        assertThat(invalid(EXAMPLE_1880)).contains("before 1900");
    }

    @Test
    void checkCharacterTable() {
        // ISO 7064 MOD 11-2: remainder r → "10X98765432".charAt(r); every remainder occurs
        java.util.Set<Character> seen = new java.util.HashSet<>();
        for (int seq = 0; seq < 200; seq++) {
            String n = withCheck("11010519900101" + String.format("%03d", seq));
            seen.add(n.charAt(17));
            assertThat(ChineseIdNumber.check(n, TODAY)).isInstanceOf(IdCheck.Valid.class);
        }
        assertThat(seen).containsExactlyInAnyOrder('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X');
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002x", "  11010519491231002X\t", "\u3000110105194912310０２Ｘ\u3000",
            "１１０１０５１９４９１２３１００２ｘ"})
    void typedFormsAreNormalised(String typed) {
        assertThat(valid(typed).normalised()).isEqualTo(EXAMPLE);
    }

    @Test
    void everySingleCharacterChangeIsCaught() {
        String[] numbers = {EXAMPLE, withCheck("31011519870325123"), withCheck("65010220000229456")};
        String alphabet = "0123456789X";
        for (String n : numbers) {
            valid(n);
            for (int i = 0; i < 18; i++) {
                for (char c : alphabet.toCharArray()) {
                    if (c == n.charAt(i)) {
                        continue;
                    }
                    String changed = n.substring(0, i) + c + n.substring(i + 1);
                    assertThat(ChineseIdNumber.check(changed, TODAY)).as(changed).isInstanceOf(IdCheck.Invalid.class);
                }
            }
        }
    }

    @Test
    void everyTranspositionOfNeighboursIsCaught() {
        String[] numbers = {EXAMPLE, withCheck("31011519870325123"), withCheck("44030619991130987")};
        for (String n : numbers) {
            for (int i = 0; i < 17; i++) {
                if (n.charAt(i) == n.charAt(i + 1)) {
                    continue;
                }
                String swapped = n.substring(0, i) + n.charAt(i + 1) + n.charAt(i) + n.substring(i + 2);
                assertThat(ChineseIdNumber.check(swapped, TODAY)).as(swapped).isInstanceOf(IdCheck.Invalid.class);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "11010520230230001, not a real birth date",
        "11010520231301001, not a real birth date",
        "11010519000229001, not a real birth date", // 1900 was not a leap year
        "11010520230000001, not a real birth date",
        "11010518991231001, before 1900",
        "11010520260116001, in the future",
        "11010530000101001, in the future",
        "01010519900101001, region code starts with 0",
    })
    void badDatesAndRegions(String first17, String reason) {
        assertThat(invalid(withCheck(first17))).contains(reason);
    }

    @Test
    void theLastPossibleBirthDateIsToday() {
        IdCheck.Valid v = valid(withCheck("110105" + "20260115" + "001"));
        assertThat(v.adult()).isFalse();
        assertThat(valid(withCheck("110105" + "19000101" + "001")).birthDate()).isEqualTo(LocalDate.of(1900, 1, 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "110105491231002 | 15-digit",
        "'' | no ID number",
        "1101051949123100 | 18 characters, got 16",
        "11010519491231002XX | 18 characters, got 19",
        "1101051949123100X2 | character 17 is not",
        "11010519491231002Y | digit or X",
        "11010519491231002 X | 18 characters",
        "11010519491231003X | check character does not match",
        "110105-19491231-002X | 18 characters",
        "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X | character 1 is not",
    })
    void refusalsSayWhy(String input, String reason) {
        assertThat(invalid(input)).contains(reason);
    }

    @Test
    void nullIsRefused() {
        assertThat(ChineseIdNumber.check(null, TODAY)).isInstanceOf(IdCheck.Invalid.class);
    }

    @Test
    void adulthoodBeginsOnThe18thBirthday() {
        String n = withCheck("11010520080115001"); // born 2008-01-15
        assertThat(valid(n).adult()).isTrue(); // 18 today
        assertThat(((IdCheck.Valid) ChineseIdNumber.check(n, TODAY.minusDays(1))).adult()).isFalse();
    }

    /**
     * Born on 29 February: in a common year the birthday is completed at the end of 28 February, so the age goes up
     * on 1 March (as {@link java.time.Period#between} counts); in a leap year on 29 February itself.
     */
    @Test
    void leapDayBirthdays() {
        LocalDate born = LocalDate.of(2008, 2, 29);
        String n = withCheck("11010520080229001");
        assertThat(valid(n).birthDate()).isEqualTo(born);
        // 2026 is a common year: not 18 on 28 Feb, 18 on 1 Mar
        assertThat(((IdCheck.Valid) ChineseIdNumber.check(n, LocalDate.of(2026, 2, 28))).adult()).isFalse();
        assertThat(((IdCheck.Valid) ChineseIdNumber.check(n, LocalDate.of(2026, 3, 1))).adult()).isTrue();
        assertThat(ChineseIdNumber.age(born, LocalDate.of(2026, 2, 28))).isEqualTo(17);
        assertThat(ChineseIdNumber.age(born, LocalDate.of(2026, 3, 1))).isEqualTo(18);
        // In a leap year the birthday is 29 February itself: born 29 Feb 1996, 28 on 29 Feb 2024
        LocalDate leapBorn = LocalDate.of(1996, 2, 29);
        assertThat(ChineseIdNumber.age(leapBorn, LocalDate.of(2024, 2, 28))).isEqualTo(27);
        assertThat(ChineseIdNumber.age(leapBorn, LocalDate.of(2024, 2, 29))).isEqualTo(28);
        assertThat(ChineseIdNumber.isAdult(LocalDate.of(2006, 2, 28), LocalDate.of(2024, 2, 28), 18)).isTrue();
        assertThat(ChineseIdNumber.isAdult(LocalDate.of(2006, 3, 1), LocalDate.of(2024, 2, 29), 18)).isFalse();
        // A date of 29 February in a common year is no date at all
        assertThat(invalid(withCheck("11010520230229001"))).contains("not a real birth date");
    }

    @Test
    void theMaskKeepsThreeAndFour() {
        IdCheck.Valid v = valid(withCheck("31011519870325123"));
        assertThat(v.masked()).hasSize(18).startsWith("310").endsWith(v.normalised().substring(14))
                .contains("*".repeat(11));
    }
}
