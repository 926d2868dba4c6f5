/** Ticking: the tick contract, the scheduler that runs many spaces on a few threads, and tick timing. */
package org.pujiang.space.tick;
