/** Shared objects as the server persists and restores them. */
package org.pujiang.space.object;
