package org.pujiang.bench.jmh;

import java.util.SplittableRandom;
import org.pujiang.space.Space;
import org.pujiang.space.SpaceCommand;

/**
 * People walking at 1.4 m/s in straight lines that bounce off the walls of a square of side {@code 2 × half}, for
 * benchmarks of the space tick: they join at random places (client ids 0..n-1), and {@link #step} offers each one's
 * move for the next tick. Each has a {@link SpaceTickBenchmark.CountingSink} that reads what an encoder would.
 */
final class WalkingCrowd {
    final SpaceTickBenchmark.CountingSink[] sinks;
    private final float half;
    private final float[] x;
    private final float[] z;
    private final float[] dx;
    private final float[] dz;
    private final int[] seq;

    WalkingCrowd(Space space, int people, float half, int tickHz, SplittableRandom random) {
        this.half = half;
        x = new float[people];
        z = new float[people];
        dx = new float[people];
        dz = new float[people];
        seq = new int[people];
        sinks = new SpaceTickBenchmark.CountingSink[people];
        float step = 1.4f / tickHz;
        for (int i = 0; i < people; i++) {
            x[i] = (float) random.nextDouble(-half, half);
            z[i] = (float) random.nextDouble(-half, half);
            double heading = random.nextDouble(0, 2 * Math.PI);
            dx[i] = (float) Math.cos(heading) * step;
            dz[i] = (float) Math.sin(heading) * step;
            sinks[i] = new SpaceTickBenchmark.CountingSink();
            space.offer(new SpaceCommand.Join(i, "user-" + i, "avatar " + i, false, 0, sinks[i]));
            space.offer(new SpaceCommand.Teleport(i, x[i], 0, z[i]));
        }
    }

    /** Everyone's next move, offered to the space. */
    void step(Space space) {
        final float h = half;
        for (int i = 0; i < x.length; i++) {
            float nx = x[i] + dx[i];
            float nz = z[i] + dz[i];
            if (nx < -h || nx > h) {
                dx[i] = -dx[i];
                nx = x[i];
            }
            if (nz < -h || nz > h) {
                dz[i] = -dz[i];
                nz = z[i];
            }
            x[i] = nx;
            z[i] = nz;
            space.offer(new SpaceCommand.Move(i, ++seq[i], nx, 0, nz, 0, 0, dx[i] * 20, 0, dz[i] * 20, 1, 0));
        }
    }
}
