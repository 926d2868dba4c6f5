package org.pujiang.twin.model;

import java.util.Map;

/**
 * DTDL v3 unit names (quantitative types extension) to the short unit codes Pujiang models use, mostly UCUM
 * as the WoT examples do ({@code Cel}, {@code kPa}). A unit missing from the table is kept as DTDL spells it,
 * so no information is lost; add entries as devices need them.
 */
final class DtdlUnits {
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("degreeCelsius", "Cel"),
            Map.entry("degreeFahrenheit", "[degF]"),
            Map.entry("kelvin", "K"),
            Map.entry("pascal", "Pa"),
            Map.entry("kilopascal", "kPa"),
            Map.entry("bar", "bar"),
            Map.entry("millibar", "mbar"),
            Map.entry("poundPerSquareInch", "[psi]"),
            Map.entry("revolutionPerMinute", "rpm"),
            Map.entry("revolutionPerSecond", "rps"),
            Map.entry("hertz", "Hz"),
            Map.entry("kilohertz", "kHz"),
            Map.entry("percent", "%"),
            Map.entry("volt", "V"),
            Map.entry("millivolt", "mV"),
            Map.entry("ampere", "A"),
            Map.entry("milliampere", "mA"),
            Map.entry("watt", "W"),
            Map.entry("kilowatt", "kW"),
            Map.entry("megawatt", "MW"),
            Map.entry("kilowattHour", "kW.h"),
            Map.entry("joule", "J"),
            Map.entry("newton", "N"),
            Map.entry("kilonewton", "kN"),
            Map.entry("newtonMetre", "N.m"),
            Map.entry("metre", "m"),
            Map.entry("centimetre", "cm"),
            Map.entry("millimetre", "mm"),
            Map.entry("kilometre", "km"),
            Map.entry("second", "s"),
            Map.entry("millisecond", "ms"),
            Map.entry("minute", "min"),
            Map.entry("hour", "h"),
            Map.entry("day", "d"),
            Map.entry("gram", "g"),
            Map.entry("kilogram", "kg"),
            Map.entry("tonne", "t"),
            Map.entry("litre", "L"),
            Map.entry("cubicMetre", "m3"),
            Map.entry("litrePerSecond", "L/s"),
            Map.entry("litrePerHour", "L/h"),
            Map.entry("cubicMetrePerHour", "m3/h"),
            Map.entry("metrePerSecond", "m/s"),
            Map.entry("kilometrePerHour", "km/h"),
            Map.entry("metrePerSecondSquared", "m/s2"),
            Map.entry("lux", "lx"),
            Map.entry("decibel", "dB"),
            Map.entry("degreeOfArc", "deg"),
            Map.entry("radian", "rad"));

    private DtdlUnits() {
    }

    static String code(String dtdlUnit) {
        return CODES.getOrDefault(dtdlUnit, dtdlUnit);
    }
}
