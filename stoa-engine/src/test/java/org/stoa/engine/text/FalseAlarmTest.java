package org.stoa.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ordinary text that contains a term's letters but not the term: never a match. */
class FalseAlarmTest {

    private static final TermMatcher MATCHER = TermMatcher.build(new TermList("test", List.of(
            "cialis", "meth", "scam", "hitman", "poker", "leet", "cheap", "desert", "free money", "casino",
            "赌博", "黑卡", "洗钱")));

    @ParameterizedTest
    @ValueSource(strings = {
        "ask a specialist about it",
        "something methodical",
        "this camera is great",
        "let's camp tonight",
        "let's cam later",
        "scampi for dinner",
        "s camera",
        "mis cam",
        "shit maneuvers works every time",
        "anyone here tried bespoke rabbits",
        "hypo kerosine",
        "call 1337 now",
        "(heap memory)",
        "an ornate dessert",
        "free moneys",
        "freely money",
        "the casinos",
        "ca sino",
        "我们去赌。博物馆开门了",
        "他输了，赌，博弈论",
        "│赌徒│博物馆│",
        "他的脸很黑，卡片掉了",
        "衣服要洗，钱包丢了",
        "黑色卡片",
        "洗衣服的钱",
    })
    void ignoresTermLettersInsideOrAcrossOrdinaryWords(String text) {
        assertThat(MATCHER.find(text)).isEmpty();
    }
}
