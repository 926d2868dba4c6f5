package org.pujiang.ledger.asset;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file formats an asset may have, each with its media type and the file name extensions it may carry. */
public enum MediaFormat {
    GLB("glb", "model/gltf-binary", List.of("glb")),
    GLTF("gltf", "model/gltf+json", List.of("gltf")),
    PNG("png", "image/png", List.of("png")),
    JPEG("jpeg", "image/jpeg", List.of("jpg", "jpeg", "jpe")),
    MP3("mp3", "audio/mpeg", List.of("mp3")),
    WAV("wav", "audio/wav", List.of("wav")),
    OGG("ogg", "audio/ogg", List.of("ogg", "oga", "opus")),
    FLAC("flac", "audio/flac", List.of("flac"));

    private final String wireName;
    private final String mime;
    private final List<String> extensions;

    MediaFormat(String wireName, String mime, List<String> extensions) {
        this.wireName = wireName;
        this.mime = mime;
        this.extensions = extensions;
    }

    /** The name entries use ({@code "glb"}). */
    public String wireName() {
        return wireName;
    }

    public String mime() {
        return mime;
    }

    public List<String> extensions() {
        return extensions;
    }

    public static Optional<MediaFormat> fromWire(String name) {
        for (MediaFormat f : values()) {
            if (f.wireName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format a file name's extension claims, if it is one of ours. */
    public static Optional<MediaFormat> byExtension(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (MediaFormat f : values()) {
            if (f.extensions.contains(ext)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
