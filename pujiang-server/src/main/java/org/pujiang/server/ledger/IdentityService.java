package org.pujiang.server.ledger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Optional;
import org.pujiang.ledger.asset.AccountId;
import org.pujiang.ledger.asset.Standing;
import org.pujiang.ledger.identity.ChineseIdNumber;
import org.pujiang.ledger.identity.IdCheck;
import org.pujiang.ledger.identity.IdentityDigest;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.AssetRepository;
import org.pujiang.server.storage.AssetRepository.Verification;
import org.pujiang.server.storage.KeyRepository;

/**
 * Real-name verification of accounts, and what the asset policy needs to know about an account (its standing).
 * The ID number is checked (GB 11643 check digit, a real birth date) and then forgotten: only an HMAC-SHA256 of
 * it under a server secret (so one number verifies one account) and a masked form are kept. Whether the name
 * belongs to the number is a question for the national identity service, which cannot be reached from here; a
 * deployment that needs it puts that check in front of {@link #verify} (docs/ledger.md, "Identity").
 *
 * <p>Operators and admins are organisation accounts, verified when the server was installed: their standing is
 * verified, adult and approved to create. Safe from any thread.
 */
public final class IdentityService {
    /** China Standard Time: ages and days are counted on the calendar the ID numbers use. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String SALT_KEY = "identity-digest-key-v1";
    private static final int NAME_MAX = 32;

    private final AssetRepository repository;
    private final byte[] salt;
    private final Clock clock;
    private final int adultAge;

    public IdentityService(AssetRepository repository, KeyRepository keys, Clock clock, int adultAge) {
        this.repository = repository;
        this.clock = clock;
        this.adultAge = adultAge;
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        this.salt = Base64.getDecoder().decode(keys.putIfAbsent(SALT_KEY, Base64.getEncoder().encodeToString(fresh)));
    }

    /** What the account's verification says, if it has one. */
    public Optional<Verification> verification(UserId user) {
        return repository.verification(user);
    }

    /**
     * Verifies an account with a real name and a Chinese resident ID number.
     *
     * @throws ApiException 422 identity:name.invalid or identity:id-number.invalid (with the reason); 409
     *     identity:id-number.taken when the number already verified another account
     */
    public Verification verify(User user, String realName, String idNumber) {
        String name = realName == null ? "" : java.text.Normalizer.normalize(realName.strip(), java.text.Normalizer.Form.NFKC);
        int length = name.codePointCount(0, name.length());
        if (length < 2 || length > NAME_MAX || !name.codePoints().allMatch(IdentityService::nameCodePoint)) {
            throw new ApiException(ErrorCode.IDENTITY_NAME_INVALID, "realName must be 2 to " + NAME_MAX
                    + " letters (Chinese or Latin, with · - or spaces between)");
        }
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        IdCheck check = ChineseIdNumber.check(idNumber == null ? "" : idNumber, today);
        if (!(check instanceof IdCheck.Valid valid)) {
            throw new ApiException(ErrorCode.IDENTITY_ID_INVALID, ((IdCheck.Invalid) check).reason());
        }
        Verification v = new Verification(user.id(), maskName(name), IdentityDigest.of(salt, valid.normalised()),
                valid.masked(), valid.birthDate(), clock.instant());
        if (!repository.saveVerification(v)) {
            throw new ApiException(ErrorCode.IDENTITY_ID_TAKEN, "this ID number already verified another account");
        }
        return v;
    }

    /** Whether the account is an adult today by its verified birth date. */
    public boolean adult(Verification v) {
        return Period.between(v.birthDate(), LocalDate.now(clock.withZone(CHINA))).getYears() >= adultAge;
    }

    /** What the asset policy needs to know about an account now. */
    public Standing standing(User user) {
        AccountId id = account(user.id());
        if (user.role() == Role.ADMIN || user.role() == Role.OPERATOR) {
            return new Standing(id, true, true, true, true);
        }
        Optional<Verification> v = repository.verification(user.id());
        return new Standing(id, v.isPresent(), v.map(this::adult).orElse(false),
                repository.isApprovedCreator(user.id()), false);
    }

    static AccountId account(UserId user) {
        return new AccountId(user.value());
    }

    private static boolean nameCodePoint(int cp) {
        return Character.isLetter(cp) || cp == '·' || cp == '•' || cp == ' ' || cp == '-' || cp == '.';
    }

    /** "张三丰" → "张**", "Li Lei" → "L*****". */
    static String maskName(String name) {
        int first = name.codePointAt(0);
        int rest = name.codePointCount(0, name.length()) - 1;
        return new String(Character.toChars(first)) + "*".repeat(rest);
    }
}
