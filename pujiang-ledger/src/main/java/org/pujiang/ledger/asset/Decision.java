package org.pujiang.ledger.asset;

import java.util.Objects;

/**
 * The policy's answer to a command: the entry to append, or a refusal with a stable code (the server maps each code
 * to one HTTP status). The codes are part of the API: never rename one.
 */
public sealed interface Decision {
    String NOT_FOUND = "asset:not-found";
    String EXISTS = "asset:exists";
    String EDITION_NOT_FOUND = "asset:edition.not-found";
    String NOT_HOLDER = "asset:not-holder";
    String EDITION_BURNED = "asset:edition.burned";
    String HOLDING_PERIOD = "asset:holding-period";
    String TRANSFER_LIMIT = "asset:transfer-limit";
    String IDENTITY_UNVERIFIED = "asset:identity.unverified";
    String IDENTITY_MINOR = "asset:identity.minor";
    String CREATOR_NOT_APPROVED = "asset:creator.not-approved";
    String EDITIONS_EXHAUSTED = "asset:editions.exhausted";
    String SELF_TRANSFER = "asset:self-transfer";
    String NOT_CREATOR = "asset:not-creator";

    record Allowed(LedgerEntry entry) implements Decision {
        public Allowed {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** @param message for the person who asked: what is wrong and, where there is one, what to do */
    record Refused(String code, String message) implements Decision {}
}
