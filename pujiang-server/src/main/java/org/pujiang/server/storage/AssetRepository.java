package org.pujiang.server.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pujiang.server.auth.UserId;

/**
 * What identity and assets keep beside the log: real-name verifications (masked and digested, never the number),
 * creators approved to register assets, editions placed in spaces, and the audit log.
 */
public interface AssetRepository {
    record Verification(UserId user, String nameMasked, String idDigest, String idMasked, LocalDate birthDate,
            Instant verifiedAt) {}

    record Placement(UUID id, UUID space, UUID asset, int edition, String slot, UserId placedBy, Instant createdAt) {}

    record AuditEvent(long id, Instant at, UserId actor, String action, String outcome, String subject,
            String message) {}

    Optional<Verification> verification(UserId user);

    /**
     * Saves a verification, replacing the account's earlier one.
     *
     * @return false when another account was verified with the same ID number (same digest)
     */
    boolean saveVerification(Verification verification);

    boolean isApprovedCreator(UserId user);

    /** @return false when the user does not exist */
    boolean approveCreator(UserId user, UserId by, Instant at);

    boolean revokeCreator(UserId user);

    List<UserId> approvedCreators();

    List<Placement> placements(UUID space);

    /** @return false when the slot is taken */
    boolean place(Placement placement);

    boolean unplace(UUID space, UUID placement);

    void audit(Instant at, UserId actor, String action, String outcome, String subject, String message);

    /** The newest audit events first; {@code before} (an id) pages backwards, 0 for the newest. */
    List<AuditEvent> audit(long before, int limit);
}
