package io.lectern.courses.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.courses.api.LessonType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LessonTreeTest {

  private static final UUID COURSE = UUID.randomUUID();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final LessonTree tree = new LessonTree(List.of());

  private Lesson add(String title, Lesson parent, Integer position) {
    Lesson lesson =
        new Lesson(
            COURSE, parent == null ? null : parent.id(), title, title, LessonType.TEXT, 0, NOW);
    tree.insert(lesson, position);
    return lesson;
  }

  private List<String> titles(List<Lesson> lessons) {
    List<String> titles = new ArrayList<>();
    lessons.forEach(l -> titles.add(l.title() + "@" + l.orderIndex()));
    return titles;
  }

  @Test
  void insertKeepsSiblingsDenseAndHonoursPosition() {
    Lesson a = add("a", null, null);
    add("b", null, null);
    add("c", null, 0);
    add("d", null, 99);
    assertThat(titles(tree.children(null))).containsExactly("c@0", "a@1", "b@2", "d@3");
    add("a1", a, null);
    assertThat(titles(tree.children(a.id()))).containsExactly("a1@0");
  }

  @Test
  void depthHeightAndTheThreeLevelLimit() {
    Lesson top = add("top", null, null);
    Lesson mid = add("mid", top, null);
    Lesson leaf = add("leaf", mid, null);
    assertThat(tree.depth(top.id())).isEqualTo(1);
    assertThat(tree.depth(leaf.id())).isEqualTo(3);
    assertThat(tree.height(top.id())).isEqualTo(3);
    assertThat(tree.fitsUnder(mid.id(), 1)).isTrue();
    assertThat(tree.fitsUnder(leaf.id(), 1)).isFalse();
    Lesson other = add("other", null, null);
    assertThat(tree.fitsUnder(other.id(), tree.height(mid.id()))).isTrue();
    assertThat(tree.fitsUnder(other.id(), tree.height(top.id()))).isFalse();
  }

  @Test
  void subtreesAndCycles() {
    Lesson top = add("top", null, null);
    Lesson mid = add("mid", top, null);
    Lesson leaf = add("leaf", mid, null);
    Lesson sibling = add("sibling", null, null);
    assertThat(tree.isInSubtree(leaf.id(), top.id())).isTrue();
    assertThat(tree.isInSubtree(top.id(), top.id())).isTrue();
    assertThat(tree.isInSubtree(sibling.id(), top.id())).isFalse();
    assertThat(tree.subtree(top.id())).containsExactly(top.id(), mid.id(), leaf.id());
  }

  @Test
  void moveAndRemoveCloseTheGaps() {
    Lesson a = add("a", null, null);
    Lesson b = add("b", null, null);
    add("c", null, null);
    tree.move(b, a.id(), null);
    assertThat(titles(tree.children(null))).containsExactly("a@0", "c@1");
    assertThat(titles(tree.children(a.id()))).containsExactly("b@0");
    tree.remove(a.id());
    assertThat(titles(tree.children(null))).containsExactly("c@0");
    assertThat(tree.contains(b.id())).isFalse();
  }

  @Test
  void reorderNeedsExactlyTheCurrentSiblings() {
    Lesson a = add("a", null, null);
    Lesson b = add("b", null, null);
    Lesson c = add("c", null, null);
    Lesson child = add("child", a, null);
    assertThat(tree.isExactlyChildrenOf(null, List.of(c.id(), a.id(), b.id()))).isTrue();
    assertThat(tree.isExactlyChildrenOf(null, List.of(c.id(), a.id()))).isFalse();
    assertThat(tree.isExactlyChildrenOf(null, List.of(c.id(), a.id(), a.id()))).isFalse();
    assertThat(tree.isExactlyChildrenOf(null, List.of(c.id(), a.id(), child.id()))).isFalse();
    tree.reorder(null, List.of(c.id(), a.id(), b.id()));
    assertThat(titles(tree.children(null))).containsExactly("c@0", "a@1", "b@2");
    assertThat(titles(tree.outline())).containsExactly("c@0", "a@1", "child@0", "b@2");
  }
}
