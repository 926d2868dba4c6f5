package org.pujiang.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(19456, 2, 1);

    @Test
    void hashesAreSaltedPhcStringsThatVerify() {
        String a = hasher.hash("correct horse battery staple");
        String b = hasher.hash("correct horse battery staple");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(a.split("\\$")).hasSize(6);
        assertThat(hasher.verify("correct horse battery staple", a)).isTrue();
        assertThat(hasher.verify("correct horse battery staplE", a)).isFalse();
        assertThat(hasher.verify("密码 🔑 unicode", hasher.hash("密码 🔑 unicode"))).isTrue();
    }

    @Test
    void parametersAreReadFromTheStoredHash() {
        String cheap = new PasswordHasher(1024, 1, 1).hash("pw-12345678");
        assertThat(hasher.verify("pw-12345678", cheap)).isTrue();
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
            "$argon2id$v=19$m=x,t=1,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=1024,t=1,p=1$!!!$aGFzaA",
            "$argon2id$v=16$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"}) {
            assertThat(hasher.verify("anything", bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
