package io.lectern.courses.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SlugsTest {

  @Test
  void derivesReadableAsciiSlugs() {
    assertThat(Slugs.from("Intro to C# & .NET — Part 1")).isEqualTo("intro-to-c-net-part-1");
    assertThat(Slugs.from("  Crème Brûlée 101  ")).isEqualTo("creme-brulee-101");
    assertThat(Slugs.from("!!!")).isEqualTo("untitled");
    assertThat(Slugs.from("日本語")).isEqualTo("untitled");
  }

  @Test
  void longTitlesAreCutWithoutATrailingHyphen() {
    String slug = Slugs.from("word ".repeat(40));
    assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX_LENGTH);
    assertThat(slug).doesNotEndWith("-");
    assertThat(Slugs.isValid(slug)).isTrue();
  }

  @Test
  void picksTheFirstFreeSuffix() {
    assertThat(Slugs.firstFree("java", Set.of())).isEqualTo("java");
    assertThat(Slugs.firstFree("java", Set.of("java"))).isEqualTo("java-2");
    assertThat(Slugs.firstFree("java", Set.of("java", "java-2", "java-3"))).isEqualTo("java-4");
    String longBase = "a".repeat(Slugs.MAX_LENGTH);
    String next = Slugs.firstFree(longBase, Set.of(longBase));
    assertThat(next).hasSize(Slugs.MAX_LENGTH).endsWith("-2");
  }

  @Test
  void validatesTheFormat() {
    assertThat(Slugs.isValid("good-slug-2")).isTrue();
    assertThat(Slugs.isValid("Bad")).isFalse();
    assertThat(Slugs.isValid("double--hyphen")).isFalse();
    assertThat(Slugs.isValid("-lead")).isFalse();
    assertThat(Slugs.isValid(null)).isFalse();
  }
}
