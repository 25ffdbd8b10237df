package io.lectern.tutorials.api;

/**
 * A video player's report on one chapter. Times are seconds and may be fractional; they are stored
 * rounded to whole seconds. {@code lastPosition} null means "same as watchTime", {@code completed}
 * null means false, {@code totalChapters} null means "not told".
 */
public record ChapterUpdate(
    String chapterId,
    double watchTime,
    Boolean completed,
    Double lastPosition,
    Integer totalChapters) {}
