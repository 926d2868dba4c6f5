package org.pujiang.space.interest;

/**
 * Partial selection on a {@code long[]}: after {@link #smallest}, the first {@code k} elements are the
 * {@code k} smallest (in no particular order). Hoare-partition quickselect with a median-of-three
 * pivot: O(n) expected, no allocation.
 */
public final class LongSelect {
    private LongSelect() {}

    /**
     * Rearranges {@code a[0, n)} so that {@code a[0, k)} holds its {@code k} smallest values, and
     * returns the largest of them. Requires {@code 1 <= k <= n}.
     */
    public static long smallest(long[] a, int n, int k) {
        if (k < 1 || k > n || n > a.length) {
            throw new IllegalArgumentException("need 1 <= k <= n <= length, got k=" + k + " n=" + n
                    + " length=" + a.length);
        }
        int lo = 0;
        int hi = n - 1;
        int target = k - 1;
        while (hi > lo) {
            if (hi - lo < 16) {
                insertionSort(a, lo, hi);
                break;
            }
            int mid = (lo + hi) >>> 1;
            // median of three into a[mid]
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            long pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            // now a[lo..j] <= pivot <= a[i..hi], and anything between equals pivot
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                break;
            }
        }
        long max = a[0];
        for (int i = 1; i < k; i++) {
            if (a[i] > max) {
                max = a[i];
            }
        }
        return max;
    }

    private static void insertionSort(long[] a, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
