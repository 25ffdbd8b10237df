package io.lectern.courses.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The lessons of one course as a tree. Holds the structural rules: at most {@link #MAX_DEPTH}
 * levels, no cycles, and siblings numbered 0..n-1 in their current order.
 */
public final class LessonTree {

  static final int MAX_DEPTH = 3;
  private static final Comparator<Lesson> SIBLING_ORDER =
      siblingOrder(Lesson::orderIndex, Lesson::createdAt, Lesson::id);

  /** Siblings by their order index; equal indexes (never after a renumber) by age, then id. */
  static <T> Comparator<T> siblingOrder(
      ToIntFunction<T> orderIndex, Function<T, Instant> createdAt, Function<T, UUID> id) {
    return Comparator.comparingInt(orderIndex).thenComparing(createdAt).thenComparing(id);
  }

  /**
   * Every item depth-first from the top level, siblings in {@code order}: the order a student reads
   * the course. Items whose parent is missing are left out, as they are unreachable.
   */
  static <T> List<T> depthFirst(
      Collection<T> items, Function<T, UUID> id, Function<T, UUID> parent, Comparator<T> order) {
    Map<UUID, List<T>> children = new HashMap<>();
    for (T item : items) {
      children.computeIfAbsent(parent.apply(item), k -> new ArrayList<>()).add(item);
    }
    children.values().forEach(list -> list.sort(order));
    List<T> ordered = new ArrayList<>(items.size());
    walk(null, children, id, ordered);
    return ordered;
  }

  private static <T> void walk(
      UUID parent, Map<UUID, List<T>> children, Function<T, UUID> id, List<T> into) {
    for (T child : children.getOrDefault(parent, List.of())) {
      into.add(child);
      walk(id.apply(child), children, id, into);
    }
  }

  private final Map<UUID, Lesson> byId = new HashMap<>();
  private final Map<UUID, List<Lesson>> childrenByParent = new HashMap<>();

  LessonTree(List<Lesson> lessons) {
    for (Lesson lesson : lessons) {
      byId.put(lesson.id(), lesson);
    }
    for (Lesson lesson : lessons) {
      childrenByParent.computeIfAbsent(lesson.parentLessonId(), k -> new ArrayList<>()).add(lesson);
    }
    childrenByParent.values().forEach(list -> list.sort(SIBLING_ORDER));
  }

  boolean contains(UUID lessonId) {
    return byId.containsKey(lessonId);
  }

  Lesson get(UUID lessonId) {
    return byId.get(lessonId);
  }

  int size() {
    return byId.size();
  }

  List<Lesson> children(UUID parentId) {
    return List.copyOf(childrenByParent.getOrDefault(parentId, List.of()));
  }

  /** 1 for a top-level lesson, 2 for its children, ... */
  int depth(UUID lessonId) {
    int depth = 0;
    for (UUID at = lessonId; at != null; at = byId.get(at).parentLessonId()) {
      depth++;
    }
    return depth;
  }

  /** Levels in the subtree rooted at the lesson: 1 for a leaf. */
  int height(UUID lessonId) {
    int highest = 0;
    for (Lesson child : children(lessonId)) {
      highest = Math.max(highest, height(child.id()));
    }
    return highest + 1;
  }

  /** True when {@code candidate} is {@code root} or lies below it. */
  boolean isInSubtree(UUID candidate, UUID root) {
    for (UUID at = candidate; at != null; at = byId.get(at).parentLessonId()) {
      if (at.equals(root)) {
        return true;
      }
    }
    return false;
  }

  /** The lesson and everything below it. */
  Set<UUID> subtree(UUID root) {
    Set<UUID> ids = new LinkedHashSet<>();
    collect(root, ids);
    return ids;
  }

  private void collect(UUID id, Set<UUID> into) {
    into.add(id);
    for (Lesson child : children(id)) {
      collect(child.id(), into);
    }
  }

  /** Every lesson depth-first, siblings in order: the order a student reads the course. */
  List<Lesson> outline() {
    return depthFirst(byId.values(), Lesson::id, Lesson::parentLessonId, SIBLING_ORDER);
  }

  /** Would a new lesson (height 1) or an existing subtree fit under {@code parentId}? */
  boolean fitsUnder(UUID parentId, int subtreeHeight) {
    int parentDepth = parentId == null ? 0 : depth(parentId);
    return parentDepth + subtreeHeight <= MAX_DEPTH;
  }

  /** Renumbers the children of {@code parentId} 0..n-1 in their current order. */
  void renumber(UUID parentId) {
    List<Lesson> siblings = childrenByParent.getOrDefault(parentId, new ArrayList<>());
    siblings.sort(SIBLING_ORDER);
    for (int i = 0; i < siblings.size(); i++) {
      siblings.get(i).setOrderIndex(i);
    }
  }

  /**
   * Inserts a lesson among the children of its parent at {@code position} (clamped) and renumbers.
   */
  void insert(Lesson lesson, Integer position) {
    List<Lesson> siblings =
        childrenByParent.computeIfAbsent(lesson.parentLessonId(), k -> new ArrayList<>());
    siblings.sort(SIBLING_ORDER);
    int at = position == null ? siblings.size() : Math.max(0, Math.min(position, siblings.size()));
    siblings.add(at, lesson);
    byId.put(lesson.id(), lesson);
    for (int i = 0; i < siblings.size(); i++) {
      siblings.get(i).setOrderIndex(i);
    }
  }

  /**
   * Moves a lesson (with its subtree) under another parent at {@code position}; renumbers both
   * levels.
   */
  void move(Lesson lesson, UUID newParent, Integer position) {
    UUID oldParent = lesson.parentLessonId();
    childrenByParent.getOrDefault(oldParent, new ArrayList<>()).remove(lesson);
    renumber(oldParent);
    lesson.moveTo(newParent, 0);
    insert(lesson, position);
  }

  /** Removes a subtree from the tree (the database cascade deletes the rows) and renumbers. */
  void remove(UUID root) {
    Lesson lesson = byId.get(root);
    for (UUID id : subtree(root)) {
      byId.remove(id);
      childrenByParent.remove(id);
    }
    childrenByParent.getOrDefault(lesson.parentLessonId(), new ArrayList<>()).remove(lesson);
    renumber(lesson.parentLessonId());
  }

  /** Applies an exact new order to the children of {@code parentId}. */
  void reorder(UUID parentId, List<UUID> orderedIds) {
    List<Lesson> siblings = childrenByParent.getOrDefault(parentId, new ArrayList<>());
    for (int i = 0; i < orderedIds.size(); i++) {
      byId.get(orderedIds.get(i)).setOrderIndex(i);
    }
    siblings.sort(SIBLING_ORDER);
  }

  /** True when {@code ids} are exactly the current children of {@code parentId}, each once. */
  boolean isExactlyChildrenOf(UUID parentId, List<UUID> ids) {
    Set<UUID> current = new java.util.HashSet<>();
    for (Lesson child : children(parentId)) {
      current.add(child.id());
    }
    return ids.size() == current.size()
        && new java.util.HashSet<>(ids).size() == ids.size()
        && current.containsAll(ids)
        && ids.stream().allMatch(Objects::nonNull);
  }
}
