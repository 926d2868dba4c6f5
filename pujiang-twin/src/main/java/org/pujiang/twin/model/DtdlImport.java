package org.pujiang.twin.model;

/**
 * Imports DTDL v3 interfaces (Azure Digital Twins, IoT Plug and Play) as twin models. The mapping table is in
 * docs/twins-models.md. Each call reads one self-contained interface: components and relationship targets
 * are kept as model ids, not resolved. Stateless and thread-safe.
 */
public final class DtdlImport {
    private DtdlImport() {
    }

    /** The interface in {@code json} as a model, or every problem found in it; never throws on bad input. */
    public static Parsed parse(String json) {
        return new DtdlReader().read(json);
    }
}
