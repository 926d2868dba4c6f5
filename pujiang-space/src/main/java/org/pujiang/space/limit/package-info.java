/** Per-client input limits on explicit time: token buckets and the abuse window. */
package org.pujiang.space.limit;
