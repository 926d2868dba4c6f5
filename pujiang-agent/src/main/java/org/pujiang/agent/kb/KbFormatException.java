package org.pujiang.agent.kb;

/** A knowledge-base file that cannot be imported; the message says where (a JSON pointer or a CSV line) and why. */
public final class KbFormatException extends Exception {
    public KbFormatException(String message) {
        super(message);
    }
}
