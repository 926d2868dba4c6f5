package org.pujiang.space.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatTextTest {
    @Test
    void cleansAndCountsCodePoints() {
        assertThat(ChatText.clean("a\u0000b\u202Ec\nd", 10)).isEqualTo(new ChatText.Ok("abc\nd"));
        assertThat(ChatText.clean(" \t\u0007 ", 10)).isEqualTo(new ChatText.Empty());
        assertThat(ChatText.clean("😀😀😀", 3)).isEqualTo(new ChatText.Ok("😀😀😀"));
        assertThat(ChatText.clean("😀😀😀😀", 3)).isEqualTo(new ChatText.TooLong(4, 3));
        assertThat(ChatText.clean("x\uD800y", 10)).isEqualTo(new ChatText.Ok("xy")); // lone surrogate
        assertThat(ChatText.clean("👩\u200D💻", 10)).isEqualTo(new ChatText.Ok("👩\u200D💻")); // ZWJ stays
    }

    @Test
    void namesLoseLineBreaksAndAreCut() {
        assertThat(ChatText.name("Zhang\nSan ", 64)).isEqualTo("Zhang San");
        assertThat(ChatText.name("浦江浦江浦江", 4)).isEqualTo("浦江浦江");
    }
}
