/** The lock-free bounded inbox through which other threads hand commands to a space. */
package org.pujiang.space.inbox;
