/**
 * Twin models: the shape of a twin's properties, actions, events, links and parts.
 *
 * <p>Models are written as W3C WoT Thing Models ({@link org.pujiang.twin.model.ThingModels}) or imported
 * from DTDL v3 interfaces ({@link org.pujiang.twin.model.DtdlImport}); both give the same immutable
 * {@link org.pujiang.twin.model.TwinModel}. Incoming device values are checked by a
 * {@link org.pujiang.twin.model.CompiledModel}, built once per model. Nothing here does I/O, and every
 * type is immutable and safe to share between threads.
 */
package org.pujiang.twin.model;
