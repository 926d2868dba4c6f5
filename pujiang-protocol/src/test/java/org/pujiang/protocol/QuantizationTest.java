package org.pujiang.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pujiang.protocol.message.EntityUpdate;
import org.pujiang.protocol.message.Quantization;

class QuantizationTest {
    private static final double YAW_STEP = 2 * Math.PI / 65536;
    private static final double PITCH_STEP = Math.PI / 65535;

    /** The angle between two directions, in [0, π]. */
    private static double angularDistance(double a, double b) {
        double d = Math.abs(a - b) % (2 * Math.PI);
        return Math.min(d, 2 * Math.PI - d);
    }

    @Test
    void positionsKeepOneCentimetre() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            float metres = (float) random.nextDouble(-100_000, 100_000);
            float back = Quantization.fromCentimetres(Quantization.toCentimetres(metres));
            // half a centimetre from rounding, plus the float's own spacing (at most 0.39 cm below 100 km)
            assertThat((double) back).isCloseTo(metres, within(0.005 + Math.ulp(100_000f)));
        }
        for (int i = 0; i < 100_000; i++) {
            float metres = (float) random.nextDouble(-100, 100);
            float back = Quantization.fromCentimetres(Quantization.toCentimetres(metres));
            assertThat((double) back).isCloseTo(metres, within(0.005 + 1e-5));
        }
    }

    @Test
    void centimetresRoundHalfAwayFromZeroAndSymmetrically() {
        assertThat(Quantization.toCentimetres(1.5f)).isEqualTo(150);
        assertThat(Quantization.toCentimetres(-2.25f)).isEqualTo(-225);
        assertThat(Quantization.toCentimetres(0.125f)).isEqualTo(13);
        assertThat(Quantization.toCentimetres(-0.125f)).isEqualTo(-13);
        assertThat(Quantization.fromCentimetres(-225)).isEqualTo(-2.25f);
    }

    @Test
    void positionsOutsideTheIntRangeAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Quantization.toCentimetres(3e7f));
        assertThatIllegalArgumentException().isThrownBy(() -> Quantization.toCentimetres(Float.NaN));
        assertThat(Quantization.toCentimetres(21_000_000f)).isEqualTo(2_100_000_000);
    }

    @Test
    void yawKeepsHalfAStepAroundTheCircle() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 100_000; i++) {
            float yaw = (float) random.nextDouble(-20, 20);
            int steps = Quantization.yawToU16(yaw);
            float back = Quantization.yawFromU16(steps);

            assertThat(steps).isBetween(0, 65535);
            assertThat(back).isBetween(0f, (float) (2 * Math.PI));
            assertThat(angularDistance(back, yaw)).isLessThanOrEqualTo(YAW_STEP / 2 + 1e-6);
        }
        // 2π - a little wraps to step 0, not 65536
        assertThat(Quantization.yawToU16(Math.nextDown((float) (2 * Math.PI)))).isEqualTo(0);
        assertThat(Quantization.yawToU16((float) -Math.PI / 2)).isEqualTo(49152);
        assertThat(Math.toDegrees(YAW_STEP)).isCloseTo(0.0055, within(0.0001));
    }

    @Test
    void pitchIsClampedAndKeepsHalfAStep() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            float pitch = (float) random.nextDouble(-Math.PI / 2, Math.PI / 2);
            float back = Quantization.pitchFromU16(Quantization.pitchToU16(pitch));
            assertThat((double) back).isCloseTo(pitch, within(PITCH_STEP / 2 + 1e-6));
        }
        assertThat(Quantization.pitchToU16(-3f)).isEqualTo(0);
        assertThat(Quantization.pitchToU16(3f)).isEqualTo(65535);
        assertThat((double) Quantization.pitchFromU16(0)).isCloseTo(-Math.PI / 2, within(1e-6));
        assertThat((double) Quantization.pitchFromU16(65535)).isCloseTo(Math.PI / 2, within(1e-6));
        assertThat((double) Quantization.pitchFromU16(Quantization.pitchToU16(0f))).isCloseTo(0, within(PITCH_STEP));
    }

    @Test
    void entityUpdateQuantisesOnlyItsMaskAndReadsBackInFloats() {
        EntityUpdate u = EntityUpdate.of(4, EntityUpdate.POS | EntityUpdate.VEL, 12.345f, -0.004f, 7f, 1f, 1f, 2.5f,
                -0.016f, 0f, 9);

        assertThat(u.xCm()).isEqualTo(1235);
        assertThat(u.yCm()).isEqualTo(0);
        assertThat(u.vyCm()).isEqualTo(-2);
        assertThat(u.yawSteps()).isZero();
        assertThat(u.anim()).isZero();
        assertThat(u.x()).isEqualTo(12.35f);
        assertThat(u.vx()).isEqualTo(2.5f);
        assertThat(u.has(EntityUpdate.POS)).isTrue();
        assertThat(u.has(EntityUpdate.ROT)).isFalse();
    }
}
