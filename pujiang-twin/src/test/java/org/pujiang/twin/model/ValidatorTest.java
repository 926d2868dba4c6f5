package org.pujiang.twin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pujiang.twin.model.Vectors.json;
import static org.pujiang.twin.model.Vectors.rejected;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorTest {
    private static final Validator PERCENT = Validator.of(new IntegerSchema(NumericRange.closed(0, 100), Facets.NONE));
    private static final Validator OPEN_INTERVAL = Validator.of(new NumberSchema(new NumericRange(null, null, 0.0, 1.0), Facets.NONE));

    private static Violation violation(Validator v, String value) {
        return v.validate(json(value)) instanceof Validation.Rejected r ? r.violation() : null;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "OK", value = {
            "0, OK", "100, OK", "-1, BELOW_MINIMUM", "101, ABOVE_MAXIMUM",
            "50.0, OK", "50.5, WRONG_TYPE", "1e2, OK", "'\"50\"', WRONG_TYPE", "true, WRONG_TYPE", "null, WRONG_TYPE",
            "99999999999999999999999, ABOVE_MAXIMUM"})
    void integerBoundsAreInclusive(String value, Violation expected) {
        assertThat(violation(PERCENT, value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "OK", value = {
            "0, BELOW_MINIMUM", "1, ABOVE_MAXIMUM", "0.5, OK", "4.9E-324, OK", "0.9999999999999999, OK",
            "-0.0, BELOW_MINIMUM"})
    void exclusiveBoundsExcludeTheEdges(String value, Violation expected) {
        assertThat(violation(OPEN_INTERVAL, value)).isEqualTo(expected);
    }

    @Test
    void inclusiveAndExclusiveBoundsBothApply() {
        Validator v = Validator.of(new NumberSchema(new NumericRange(0.0, 10.0, null, 10.0), Facets.NONE));

        assertThat(violation(v, "9.99")).isNull();
        assertThat(rejected(v.validate(json("10"))).reason()).isEqualTo("10 is not below exclusiveMaximum 10");
    }

    @Test
    void rejectsNanAndInfinitiesEvenWhenUnbounded() {
        Validator any = Validator.of(new NumberSchema());

        assertThat(rejected(any.validate(DoubleNode.valueOf(Double.NaN))))
                .isEqualTo(new Validation.Rejected("", Violation.NOT_FINITE, "NaN is not a finite number"));
        assertThat(rejected(any.validate(DoubleNode.valueOf(Double.POSITIVE_INFINITY))).violation()).isEqualTo(Violation.NOT_FINITE);
        assertThat(rejected(any.validate(FloatNode.valueOf(Float.NEGATIVE_INFINITY))).violation()).isEqualTo(Violation.NOT_FINITE);
        assertThat(rejected(any.validate(json("\"NaN\""))).violation()).isEqualTo(Violation.WRONG_TYPE);
    }

    @Test
    void integersFollowJsonSchemaAcrossNumberRepresentations() {
        Validator integer = Validator.of(new IntegerSchema());

        assertThat(integer.validate(Json.NODES.numberNode(new BigInteger("123456789012345678901234567890")))).isEqualTo(Validation.OK);
        assertThat(integer.validate(Json.NODES.numberNode(new BigDecimal("12.000")))).isEqualTo(Validation.OK);
        assertThat(rejected(integer.validate(Json.NODES.numberNode(new BigDecimal("12.001")))).violation()).isEqualTo(Violation.WRONG_TYPE);
        assertThat(Validator.of(new NumberSchema()).validate(json("7"))).isEqualTo(Validation.OK);
    }

    @Test
    void enumsCompareNumbersByValue() {
        Validator speed = Validator.of(new IntegerSchema(NumericRange.NONE,
                Facets.NONE.withEnum(List.of(json("1"), json("2"), json("3")))));

        assertThat(speed.validate(json("2"))).isEqualTo(Validation.OK);
        assertThat(speed.validate(json("2.0"))).isEqualTo(Validation.OK);
        assertThat(rejected(speed.validate(json("4"))))
                .isEqualTo(new Validation.Rejected("", Violation.NOT_IN_ENUM, "4 must be one of [1,2,3]"));
    }

    @Test
    void stringEnumMissAndConst() {
        Validator mode = Validator.of(new StringSchema(null, null, null, null,
                Facets.NONE.withEnum(List.of(json("\"auto\""), json("\"manual\"")))));
        Validator fixed = Validator.of(new StringSchema(null, null, null, null,
                new Facets(null, null, null, List.of(), json("\"v1\""))));

        assertThat(mode.validate(json("\"auto\""))).isEqualTo(Validation.OK);
        assertThat(rejected(mode.validate(json("\"Auto\""))).violation()).isEqualTo(Violation.NOT_IN_ENUM);
        assertThat(rejected(mode.validate(json("1"))).violation()).isEqualTo(Violation.WRONG_TYPE);
        assertThat(fixed.validate(json("\"v1\""))).isEqualTo(Validation.OK);
        assertThat(rejected(fixed.validate(json("\"v2\""))).reason()).isEqualTo("\"v2\" must be \"v1\"");
    }

    @Test
    void stringLengthsCountCodePoints() {
        Validator name = Validator.of(new StringSchema(2, 4, null, null, Facets.NONE));

        assertThat(name.validate(json("\"ab\""))).isEqualTo(Validation.OK);
        assertThat(name.validate(json("\"abcd\""))).isEqualTo(Validation.OK);
        assertThat(rejected(name.validate(json("\"abcde\""))))
                .isEqualTo(new Validation.Rejected("", Violation.TOO_LONG, "string of 5 characters is longer than maxLength 4"));
        assertThat(rejected(name.validate(json("\"a\""))).violation()).isEqualTo(Violation.TOO_SHORT);
        // Four emoji are eight UTF-16 units but four characters.
        assertThat(name.validate(Json.NODES.textNode("😀😀😀😀"))).isEqualTo(Validation.OK);
        assertThat(name.validate(Json.NODES.textNode("浦江"))).isEqualTo(Validation.OK);
    }

    @Test
    void patternsAreUnanchoredLikeJsonSchema() {
        Validator code = Validator.of(new StringSchema(null, null, "^[A-Z][0-9]+$", null, Facets.NONE));
        Validator contains = Validator.of(new StringSchema(null, null, "[0-9]", null, Facets.NONE));

        assertThat(code.validate(json("\"A12\""))).isEqualTo(Validation.OK);
        assertThat(rejected(code.validate(json("\"a12\""))).violation()).isEqualTo(Violation.PATTERN_MISMATCH);
        assertThat(contains.validate(json("\"abc1\""))).isEqualTo(Validation.OK);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "OK", value = {
            "date-time, 2026-11-24T06:20:07Z, OK", "date-time, 2026-11-24T14:20:07.123+08:00, OK",
            "date-time, 2026-11-24T06:20:07, BAD_FORMAT", "date-time, yesterday, BAD_FORMAT",
            "date, 2026-02-28, OK", "date, 2026-02-30, BAD_FORMAT", "time, 06:20:07, OK", "time, 25:00:00, BAD_FORMAT",
            "duration, P1DT2H, OK", "duration, PT0.5S, OK", "duration, P, BAD_FORMAT", "duration, PT, BAD_FORMAT",
            "uri, anything at all, OK"})
    void checkedFormats(String format, String value, Violation expected) {
        Validator v = Validator.of(StringSchema.withFormat(format));

        assertThat(v.validate(Json.NODES.textNode(value)) instanceof Validation.Rejected r ? r.violation() : null)
                .isEqualTo(expected);
    }

    @Test
    void nestedObjectsReportThePathToTheProblem() {
        Map<String, DataSchema> die = Map.of("id", new StringSchema(),
                "heightMm", new NumberSchema(NumericRange.closed(50, 600), Facets.unit("mm")));
        Validator tooling = Validator.of(new ObjectSchema(Map.of("die", new ObjectSchema(die, List.of("id"))), List.of("die")));

        assertThat(tooling.validate(json("{\"die\": {\"id\": \"D-7\", \"heightMm\": 120}, \"extra\": 1}"))).isEqualTo(Validation.OK);
        assertThat(rejected(tooling.validate(json("{\"die\": {\"heightMm\": 120}}"))))
                .isEqualTo(new Validation.Rejected("/die/id", Violation.MISSING_REQUIRED, "required member id is missing"));
        assertThat(rejected(tooling.validate(json("{\"die\": {\"id\": \"D-7\", \"heightMm\": 20}}"))))
                .isEqualTo(new Validation.Rejected("/die/heightMm", Violation.BELOW_MINIMUM, "20 is below minimum 50"));
        assertThat(rejected(tooling.validate(json("{}"))).pointer()).isEqualTo("/die");
        assertThat(rejected(tooling.validate(json("[]"))).violation()).isEqualTo(Violation.WRONG_TYPE);
    }

    @Test
    void arraysCheckLengthAndEveryItem() {
        Validator samples = Validator.of(new ArraySchema(new NumberSchema(new NumericRange(0.0, null, null, null), Facets.NONE), 1, 3, Facets.NONE));

        assertThat(samples.validate(json("[0, 1.5, 3]"))).isEqualTo(Validation.OK);
        assertThat(rejected(samples.validate(json("[1, 2, 3, 4]"))))
                .isEqualTo(new Validation.Rejected("", Violation.TOO_MANY_ITEMS, "array of 4 items is longer than maxItems 3"));
        assertThat(rejected(samples.validate(json("[]"))).violation()).isEqualTo(Violation.TOO_FEW_ITEMS);
        assertThat(rejected(samples.validate(json("[1, -2]"))).pointer()).isEqualTo("/1");
        assertThat(rejected(samples.validate(json("[1, \"2\"]"))).violation()).isEqualTo(Violation.WRONG_TYPE);
    }

    @Test
    void additionalPropertiesCheckMapMembersWithEscapedPointers() {
        Validator counters = Validator.of(new ObjectSchema(Map.of(), List.of(), new IntegerSchema(), Facets.NONE));

        assertThat(counters.validate(json("{\"a\": 1, \"b\": 2}"))).isEqualTo(Validation.OK);
        assertThat(rejected(counters.validate(json("{\"line/1\": 1.5}"))).pointer()).isEqualTo("/line~11");
    }

    @Test
    void booleanAndNull() {
        assertThat(Validator.of(new BooleanSchema()).validate(json("false"))).isEqualTo(Validation.OK);
        assertThat(rejected(Validator.of(new BooleanSchema()).validate(json("0"))).reason())
                .isEqualTo("expected a boolean, got an integer 0");
        assertThat(Validator.of(new NullSchema(Facets.NONE)).validate(null)).isEqualTo(Validation.OK);
        assertThat(rejected(Validator.of(new NullSchema(Facets.NONE)).validate(json("{}"))).violation()).isEqualTo(Violation.WRONG_TYPE);
    }

    @Test
    void longValuesAreShortenedInReasons() {
        String reason = rejected(Validator.of(new IntegerSchema()).validate(Json.NODES.textNode("x".repeat(500)))).reason();

        assertThat(reason).hasSizeLessThan(80).endsWith("...");
    }
}
