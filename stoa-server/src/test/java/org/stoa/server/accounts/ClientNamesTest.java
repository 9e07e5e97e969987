package org.stoa.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNamesTest {

    @Test
    void aLoginIsNamedByItsBrowserAndSystemInAFewWords() {
        assertThat(ClientNames.of("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).isEqualTo("Firefox on Linux");
        assertThat(ClientNames.of("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"))
                .isEqualTo("Chrome on Android");
        assertThat(ClientNames.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0"))
                .isEqualTo("Edge on Windows");
        assertThat(ClientNames.of("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"))
                .isEqualTo("Safari on iPhone");
        assertThat(ClientNames.of("curl/8.11.0")).isEqualTo("curl");
        assertThat(ClientNames.of(null)).isNull();
        assertThat(ClientNames.of("\u0000\u202e" + "x".repeat(100_000))).as("only known words are ever kept").isNull();
    }
}
