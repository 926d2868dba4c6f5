/**
 * Live twin state: what devices reported and users desire, with per-property metadata, and the pure logic that
 * turns a device payload into accepted values ({@link org.pujiang.twin.state.Ingestor}). A
 * {@link org.pujiang.twin.state.TwinState} is mutable and owned by one thread (a twin partition in the server);
 * nothing here does I/O.
 */
package org.pujiang.twin.state;
