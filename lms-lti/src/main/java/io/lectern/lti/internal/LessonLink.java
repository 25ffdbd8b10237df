package io.lectern.lti.internal;

import java.util.Map;
import java.util.UUID;

/**
 * An {@code lti} lesson's tool: its deployment, launch URL (null: the tool's) and custom values.
 */
public record LessonLink(
    UUID lessonId,
    UUID courseId,
    UUID toolId,
    String deploymentId,
    String targetLinkUri,
    Map<String, String> custom) {}
