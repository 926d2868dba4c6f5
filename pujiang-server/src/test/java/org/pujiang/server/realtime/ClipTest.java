package org.pujiang.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClipTest {
    @Test
    void keepsShortTextAndCutsLongTextAtACodePoint() {
        assertThat(Clip.utf8("abc", 3)).isEqualTo("abc");
        assertThat(Clip.utf8(null, 3)).isEmpty();
        assertThat(Clip.utf8("abcd", 3)).isEqualTo("abc");
        // 浦 is 3 bytes, 😀 is 4 (a surrogate pair): neither is split
        assertThat(Clip.utf8("浦浦", 5)).isEqualTo("浦");
        assertThat(Clip.utf8("a😀", 4)).isEqualTo("a");
        String cut = Clip.utf8("江".repeat(400), 500);
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(498);
    }
}
